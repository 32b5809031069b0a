// Serve the release build in dist/ as any static host would (scripts/serve.sh): plain files,
// no live-reload client or any other code of a development server in what the browser gets.
import { startServer, DIST } from '../tests/e2e/support/server.mjs';

const port = Number(process.env.PORT || 8080);
const server = await startServer(DIST, { port });
console.log(`Rectify: ${server.url} (Ctrl+C stops it)`);
