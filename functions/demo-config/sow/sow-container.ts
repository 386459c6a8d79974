/** Blob container of generated SOW files (names start with the tenant id). */
export const SOW_CONTAINER = 'sow-documents';
