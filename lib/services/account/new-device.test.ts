import { describe, expect, it } from "vitest";
import { describeBrowser } from "./new-device";

describe("describeBrowser", () => {
  it("names common browsers and systems from a user agent", () => {
    expect(
      describeBrowser(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36",
      ),
    ).toBe("Chrome 140 on Linux");
    expect(describeBrowser("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:141.0) Gecko/20100101 Firefox/141.0")).toBe(
      "Firefox 141 on Windows",
    );
    expect(
      describeBrowser(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
      ),
    ).toBe("Safari 18 on macOS");
    expect(
      describeBrowser(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36 Edg/140.0",
      ),
    ).toBe("Edge 140 on Windows");
    expect(describeBrowser("")).toBe("an unknown browser on an unknown system");
  });
});
