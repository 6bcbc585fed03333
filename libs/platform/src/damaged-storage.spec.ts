import { tempDirectory } from '@leadledger/event-store/testing';
import Database from 'better-sqlite3';
import { describeDamagedFiles } from './damaged-storage';
import { loadConfig } from './engine-config';
import { snapshotsFileFor } from './open-event-store';
import { workflowCheckpointsFileFor } from './read-model-integrity';
import { overwriteHeader } from './testing/file-damage';

describe('naming the damaged files after SQLite reported damage', () => {
  const dir = tempDirectory('leadledger-damaged-storage');
  afterAll(() => dir.remove());

  it('says for each derived file what brings it back: `rebuild` only for the read models', () => {
    const config = loadConfig({ LEADLEDGER_DATA_DIR: dir.path });
    const files = [
      config.readModelsFile,
      snapshotsFileFor(config.readModelsFile),
      workflowCheckpointsFileFor(config.readModelsFile),
    ];
    for (const file of files) {
      new Database(file).exec('CREATE TABLE t (v TEXT)');
      overwriteHeader(file);
    }
    expect(describeDamagedFiles(config)).toEqual(
      files.map(
        (file, i) =>
          `The file ${file} is damaged (file is not a database). It holds only data derived from the log: ` +
          (i === 0
            ? 'starting the engine moves it aside and rebuilds it (or move it aside and run `leadledger rebuild`).'
            : 'starting the engine moves it aside and starts a new one.'),
      ),
    );
  });
});
