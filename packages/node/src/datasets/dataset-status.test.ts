import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listDatasets } from './dataset-status';
import { removeTempDirs, tempDir, writeFiles } from '../testing';

afterAll(removeTempDirs);

describe('listDatasets', () => {
  it('lists every known dataset with which splits are on disk', async () => {
    const dataDir = await tempDir();
    await writeFiles(dataDir, {
      'mnist/t10k-images-idx3-ubyte': 'x',
      'mnist/t10k-labels-idx1-ubyte.gz': 'x',
      'emnist/emnist-letters-test-partial-images-idx3-ubyte.gz': 'x',
      'emnist/emnist-letters-test-partial-labels-idx1-ubyte.gz': 'x',
      'emnist/emnist-byclass-test-images-idx3-ubyte.gz': 'x',
      'emnist/emnist-byclass-test-labels-idx1-ubyte.gz': 'x',
    });
    const statuses = await listDatasets(dataDir);
    const byName = Object.fromEntries(statuses.map((status) => [status.name, status]));
    expect(statuses.map((status) => status.name)).toContain('emnist-balanced');
    expect(byName.mnist.splits).toEqual({ train: 'missing', test: 'present' });
    expect(byName.mnist.path).toBe(join(dataDir, 'mnist'));
    expect(byName['emnist-letters'].splits).toEqual({ train: 'missing', test: 'assembled' });
    expect(byName['emnist-byclass'].splits.test).toBe('present');
    // emnist-digits:test is assembled from the byclass test digits when its own file is absent.
    expect(byName['emnist-digits'].splits).toEqual({ train: 'missing', test: 'assembled' });
    expect(byName['emnist-balanced'].splits).toEqual({ train: 'missing', test: 'missing' });
    expect(byName['emnist-digits'].download).toBe('emnist');
  });
});
