// Runs in every test worker before its files: nothing global to patch; kept for shared hooks.
import "@/tests/helpers/no-unhandled";
