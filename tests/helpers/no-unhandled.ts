// A promise rejection nobody handled is a bug: fail loudly instead of passing quietly.
process.on("unhandledRejection", (reason) => {
  throw reason instanceof Error ? reason : new Error(String(reason));
});
