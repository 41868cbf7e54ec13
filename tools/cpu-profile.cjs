// Preload (`node --require tools/cpu-profile.cjs`) that CPU-profiles a service for PROF_MS (60 s) and writes
// <PROF_DIR>/<app>-<pid>.cpuprofile (open it in Chrome DevTools). `--cpu-prof` writes nothing for our services:
// Nest re-raises SIGTERM after its shutdown hooks, so the process dies by the signal before Node writes it.
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');

const ms = Number(process.env.PROF_MS || 60_000);
const dir = process.env.PROF_DIR || require('node:os').tmpdir();
const session = new inspector.Session();
session.connect();
session.post('Profiler.enable', () =>
  session.post('Profiler.start', () => {
    setTimeout(() => {
      session.post('Profiler.stop', (error, result) => {
        if (error) return;
        const app = path.basename(path.dirname(path.dirname(process.argv[1] || 'node')));
        fs.writeFileSync(path.join(dir, `${app}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
      });
    }, ms).unref();
  }),
);
