import { merchantRoute } from "@/lib/auth/route";
import { UserError } from "@/lib/errors";
import { uploadFileBatch } from "@/lib/services/file-batches/upload";
import { oncePerIntent } from "@/lib/services/intents";
import { MAX_BYTES } from "@/lib/validations/file-batches";
import { intentField } from "@/lib/validations/intent";

export const dynamic = "force-dynamic";

/** Multipart upload (field `file`) of a batch CSV; answers 201 with the batch id. */
export const POST = merchantRoute("filebatches:upload", async (req, ctx) => {
  if (Number(req.headers.get("content-length") ?? "0") > MAX_BYTES + 64 * 1024) {
    throw new UserError("invalid", "The file is larger than 5 MB.", { file: ["The file is larger than 5 MB."] });
  }
  const form = await req.formData().catch(() => null);
  const file = form?.get("file");
  if (!(file instanceof File))
    throw new UserError("invalid", "Choose a CSV file to upload.", { file: ["Choose a CSV file."] });
  // The uploader sends its form's intent id: the same form submitted twice uploads one batch.
  const intent = intentField.safeParse({ intentId: form?.get("intentId") || undefined });
  const batch = await oncePerIntent(
    { scope: ctx.merchant.id, kind: "file-batch.upload", intentId: intent.success ? intent.data.intentId : undefined },
    async () => uploadFileBatch(ctx, file.name, await file.text()),
  );
  return Response.json(batch, { status: 201 });
});
