/** Carve's version; a test keeps it equal to package.json's. Written into a saved file's `savedBy`. */
export const CARVE_VERSION = '0.1.0';
export const SAVED_BY = `carve ${CARVE_VERSION}`;
