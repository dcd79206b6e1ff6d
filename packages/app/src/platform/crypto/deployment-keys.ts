import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  type KeyObject,
} from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ed25519Verifies } from './ed25519.ts';

/** The deployment's Ed25519 signing key, and the public keys of every key it has used, by id. */
export interface DeploymentKeys {
  readonly keyId: string;
  sign(message: string): string;
  verify(keyId: string, message: string, signature: string): boolean;
  publicKeys(): Array<{ keyId: string; pem: string }>;
}

/** The id of a public key: the start of the SHA-256 of its DER form. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** Keys over a private key and the public keys of retired ones. */
export function deploymentKeys(
  privateKey: KeyObject,
  retired: readonly KeyObject[] = [],
): DeploymentKeys {
  const current = createPublicKey(privateKey);
  const keyId = keyIdOf(current);
  const byId = new Map([current, ...retired].map((key) => [keyIdOf(key), key]));
  return {
    keyId,
    sign: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64'),
    verify: (id, message, signature) => {
      const key = byId.get(id);
      return key !== undefined && ed25519Verifies(key, message, signature);
    },
    publicKeys: () =>
      [...byId].map(([id, key]) => ({
        keyId: id,
        pem: key.export({ type: 'spki', format: 'pem' }).toString(),
      })),
  };
}

/** A fresh key pair held only in memory, for tests and one-off runs. */
export function ephemeralDeploymentKeys(): DeploymentKeys {
  return deploymentKeys(generateKeyPairSync('ed25519').privateKey);
}

/**
 * Loads the deployment key from `<dir>/deployment-ed25519.pem`, creating it (mode 0600) on first
 * use; public keys of rotated keys are read from `<dir>/retired/*.pub.pem`.
 */
export async function loadDeploymentKeys(dir: string): Promise<DeploymentKeys> {
  await fs.mkdir(path.join(dir, 'retired'), { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'deployment-ed25519.pem');
  let pem: string;
  try {
    pem = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const { privateKey } = generateKeyPairSync('ed25519');
    pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await fs.writeFile(file, pem, { mode: 0o600, flag: 'wx' });
  }
  const retiredDir = path.join(dir, 'retired');
  const retired = await Promise.all(
    (await fs.readdir(retiredDir))
      .filter((name) => name.endsWith('.pub.pem'))
      .map(async (name) => createPublicKey(await fs.readFile(path.join(retiredDir, name), 'utf8'))),
  );
  return deploymentKeys(createPrivateKey(pem), retired);
}

/**
 * Replaces the deployment key with a new one. The old public key moves to `retired/`, so that
 * checkpoints it signed still verify; the old private key is deleted.
 */
export async function rotateDeploymentKeys(
  dir: string,
): Promise<{ retiredKeyId: string; keyId: string }> {
  const current = await loadDeploymentKeys(dir);
  const file = path.join(dir, 'deployment-ed25519.pem');
  const oldPublic = createPublicKey(createPrivateKey(await fs.readFile(file, 'utf8')));
  await fs.writeFile(
    path.join(dir, 'retired', `${current.keyId}.pub.pem`),
    oldPublic.export({ type: 'spki', format: 'pem' }).toString(),
    { mode: 0o600 },
  );
  const { privateKey } = generateKeyPairSync('ed25519');
  const next = `${file}.next`;
  await fs.writeFile(next, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), {
    mode: 0o600,
  });
  await fs.rename(next, file);
  return { retiredKeyId: current.keyId, keyId: keyIdOf(createPublicKey(privateKey)) };
}
