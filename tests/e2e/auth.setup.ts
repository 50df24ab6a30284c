import { PERSONAS, type Persona, personaState, submitLogin, test as setup } from "./fixtures";

/**
 * The `setup` project (playwright.config.ts): each demo persona signs in once through the login form, and its
 * cookies are stored for the specs (`test.use({ persona })`, `openAs(persona)`). Specs must not end these sessions
 * (password change, sign out everywhere): they make their own users for that.
 */
for (const [persona, email] of Object.entries(PERSONAS) as [Persona, string][]) {
  setup(`sign in as ${email}`, async ({ page }) => {
    await submitLogin(page, email);
    await page.context().storageState({ path: personaState(persona) });
  });
}
