import react from '@vitejs/plugin-react';
// Relative import: Vite bundles relative imports of its config, but loads package imports with plain
// Node, which cannot run the TypeScript in web/ui.
import { defineAppConfig } from '../ui/vite-app-config';

export default defineAppConfig(__dirname, [react()]);
