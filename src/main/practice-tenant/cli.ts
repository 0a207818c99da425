import { loadScenarioFile } from './directory/scenario-file';
import { startPracticeTenant } from './server';

// `npm run practice-tenant [-- --scenario file.json] [--latency ms]`: starts the practice tenant, prints exactly one
// JSON line (origins, certificate, tenants, accounts with their fixed practice passwords, apps) and serves until
// killed.
const argument = (name: string): string | undefined => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};

const scenarioPath = argument('--scenario');
const latency = argument('--latency');
const practice = await startPracticeTenant({
  ...(scenarioPath === undefined ? {} : { scenario: await loadScenarioFile(scenarioPath) }),
  ...(latency === undefined ? {} : { latencyMs: Number(latency) }),
});
process.stdout.write(`${JSON.stringify(practice.summary())}\n`);

const stop = (): void => {
  void practice.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
