/**
 * The diagnostic file. Pseudonymised: the bundle as indented UTF-8 JSON (`"format": "passerelle-diagnostic"`),
 * readable by anyone who receives it. Real data: a JSON envelope `"format": "passerelle-diagnostic-chiffre"` holding
 * the gzipped bundle encrypted with AES-256-GCM under a key derived by scrypt from a password drawn here and shown to
 * the user once (never stored); the envelope's parameters are the cipher's additional data, so changing one makes
 * the file unreadable rather than wrong. Format: README.md beside this file.
 */
import { createCipheriv, createDecipheriv, randomBytes, randomInt, scryptSync } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { keyedError } from '../../../src-shared/messages';
import { BUNDLE_FORMAT, bundleSchema, type Bundle } from './bundle';

export const ENCRYPTED_FORMAT = 'passerelle-diagnostic-chiffre' as const;
/** scrypt cost: 2^15 × 8 × 128 bytes = 32 MiB of memory, about 0.1 s; the password itself has ~120 bits. */
export const SCRYPT = { N: 32768, r: 8, p: 1 } as const;
const MAXMEM = 64 * 1024 * 1024;
/** No 0/O, 1/l/I: a password read aloud over the phone. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

const envelopeSchema = z.object({
  format: z.literal(ENCRYPTED_FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  kdf: z.object({ name: z.literal('scrypt'), N: z.number().int().min(1024).max(1 << 20), r: z.number().int().min(1).max(32), p: z.number().int().min(1).max(16), salt: z.string() }),
  cipher: z.object({ name: z.literal('aes-256-gcm'), iv: z.string(), tag: z.string() }),
  compression: z.literal('gzip'),
  data: z.string(),
});
type Envelope = z.infer<typeof envelopeSchema>;

/** Six groups of four letters or digits (≈ 119 bits): `k7mq-…`. */
export function drawPassword(): string {
  return Array.from({ length: 6 }, () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')).join('-');
}

/** What the cipher authenticates besides the data: every parameter of the envelope. */
function additionalData(e: Omit<Envelope, 'data' | 'cipher'> & { cipher: { name: string; iv: string } }): Buffer {
  return Buffer.from(JSON.stringify([e.format, e.version, e.createdAt, e.kdf.name, e.kdf.N, e.kdf.r, e.kdf.p, e.kdf.salt, e.cipher.name, e.cipher.iv, e.compression]), 'utf8');
}

function keyFor(password: string, kdf: Envelope['kdf']): Buffer {
  return scryptSync(password.normalize('NFKC').trim(), Buffer.from(kdf.salt, 'base64'), 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: MAXMEM });
}

export function writePlain(bundle: Bundle): string {
  return `${JSON.stringify(bundle, null, 1)}\n`;
}

export function writeEncrypted(bundle: Bundle, password: string): string {
  const kdf = { name: 'scrypt' as const, ...SCRYPT, salt: randomBytes(16).toString('base64') };
  const iv = randomBytes(12);
  const head = { format: ENCRYPTED_FORMAT, version: 1 as const, createdAt: bundle.createdAt, kdf, compression: 'gzip' as const };
  const cipher = createCipheriv('aes-256-gcm', keyFor(password, kdf), iv);
  cipher.setAAD(additionalData({ ...head, cipher: { name: 'aes-256-gcm', iv: iv.toString('base64') } }));
  const data = Buffer.concat([cipher.update(gzipSync(Buffer.from(JSON.stringify(bundle), 'utf8'))), cipher.final()]);
  const envelope: Envelope = { ...head, cipher: { name: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') }, data: data.toString('base64') };
  return `${JSON.stringify(envelope, null, 1)}\n`;
}

export type ReadFile = { kind: 'plain'; bundle: Bundle } | { kind: 'encrypted'; unlock(password: string): Bundle };

const notADiagnostic = () => keyedError('validation', 'diagnostic.not-a-file', "Ce fichier n'est pas un diagnostic de Passerelle (ou il est abîmé).");

function parseBundle(json: unknown): Bundle {
  const parsed = bundleSchema.safeParse(json);
  if (!parsed.success) throw notADiagnostic();
  return parsed.data;
}

/** A diagnostic file's text: its bundle, or what unlocks it. */
export function readDiagnostic(text: string): ReadFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw notADiagnostic();
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format === BUNDLE_FORMAT) {
    if ((json as { version?: unknown }).version !== 1) throw keyedError('validation', 'diagnostic.newer', 'Ce diagnostic a été créé par une version plus récente de Passerelle. Mettez Passerelle à jour pour l’ouvrir.');
    return { kind: 'plain', bundle: parseBundle(json) };
  }
  if (format !== ENCRYPTED_FORMAT) throw notADiagnostic();
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) throw notADiagnostic();
  const e = envelope.data;
  return {
    kind: 'encrypted',
    unlock(password) {
      let plain: Buffer;
      try {
        const decipher = createDecipheriv('aes-256-gcm', keyFor(password, e.kdf), Buffer.from(e.cipher.iv, 'base64'));
        decipher.setAAD(additionalData(e));
        decipher.setAuthTag(Buffer.from(e.cipher.tag, 'base64'));
        plain = Buffer.concat([decipher.update(Buffer.from(e.data, 'base64')), decipher.final()]);
      } catch {
        throw keyedError('unauthorized', 'diagnostic.wrong-password', 'Mot de passe incorrect (ou fichier modifié) : ce diagnostic ne peut pas être ouvert.');
      }
      let json: unknown;
      try {
        json = JSON.parse(gunzipSync(plain).toString('utf8'));
      } catch {
        throw notADiagnostic();
      }
      return parseBundle(json);
    },
  };
}
