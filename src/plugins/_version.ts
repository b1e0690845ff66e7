/** The version of the built-in plugins: the package's. */
export const VERSION = "0.1.0";
