// The web package serves one plain page until the web application is built with Vite.
import fs from 'node:fs/promises';

const dist = new URL('./dist/', import.meta.url);
await fs.mkdir(dist, { recursive: true });
await fs.copyFile(new URL('./src/index.html', import.meta.url), new URL('index.html', dist));
console.log('built packages/web/dist/index.html');
