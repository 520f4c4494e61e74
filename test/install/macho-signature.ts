/**
 * Checks a Mach-O executable's embedded code signature the way macOS does before it maps a page:
 * the CodeDirectory's hash of every page up to its code limit must equal the page's hash, and
 * every special slot present (requirements, entitlements) must equal its blob's hash. Written
 * from Apple's published format (xnu's cs_blobs.h), apart from scripts/lib/macho-codesign.mjs,
 * so the signer is checked by code that does not share its mistakes.
 */
import { createHash } from 'node:crypto';

const LC_SEGMENT_64 = 0x19;
const LC_CODE_SIGNATURE = 0x1d;
const SUPERBLOB = 0xfade0cc0;
const CODEDIRECTORY = 0xfade0c02;
const CS_ADHOC = 0x2;
const HASHES: Record<number, { algorithm: string; size: number }> = {
  1: { algorithm: 'sha1', size: 20 },
  2: { algorithm: 'sha256', size: 32 },
};

export interface SignatureReport {
  identifier: string;
  adhoc: boolean;
  flags: number;
  pageSize: number;
  codeLimit: number;
  pages: number;
  hashType: string;
  blobs: number[];
}

/** Throws with the reason when `exe` carries no valid signature; returns what the signature says. */
export function verifyMachOSignature(exe: Buffer): SignatureReport {
  if (exe.length < 32 || exe.readUInt32LE(0) !== 0xfeedfacf) throw new Error('not a 64-bit little-endian Mach-O file');
  const ncmds = exe.readUInt32LE(16);
  let at = 32;
  let sig: { dataoff: number; datasize: number } | undefined;
  let linkedit: { fileoff: number; filesize: number } | undefined;
  for (let i = 0; i < ncmds; i++) {
    const cmd = exe.readUInt32LE(at);
    if (cmd === LC_CODE_SIGNATURE) sig = { dataoff: exe.readUInt32LE(at + 8), datasize: exe.readUInt32LE(at + 12) };
    if (cmd === LC_SEGMENT_64 && exe.toString('latin1', at + 8, at + 24).replace(/\0+$/, '') === '__LINKEDIT') {
      linkedit = { fileoff: Number(exe.readBigUInt64LE(at + 40)), filesize: Number(exe.readBigUInt64LE(at + 48)) };
    }
    at += exe.readUInt32LE(at + 4);
  }
  if (!sig) throw new Error('no LC_CODE_SIGNATURE: the executable is unsigned');
  if (!linkedit || sig.dataoff < linkedit.fileoff || sig.dataoff + sig.datasize > linkedit.fileoff + linkedit.filesize) {
    throw new Error('the signature lies outside __LINKEDIT');
  }
  if (sig.dataoff + sig.datasize > exe.length) throw new Error('the signature runs past the end of the file');
  const blob = exe.subarray(sig.dataoff, sig.dataoff + sig.datasize);
  if (blob.readUInt32BE(0) !== SUPERBLOB) throw new Error(`signature magic 0x${blob.readUInt32BE(0).toString(16)} is not a SuperBlob`);
  const count = blob.readUInt32BE(8);
  const slots = new Map<number, Buffer>();
  for (let i = 0; i < count; i++) {
    const type = blob.readUInt32BE(12 + i * 8);
    const offset = blob.readUInt32BE(16 + i * 8);
    const length = blob.readUInt32BE(offset + 4);
    slots.set(type, blob.subarray(offset, offset + length));
  }
  const cd = slots.get(0);
  if (!cd || cd.readUInt32BE(0) !== CODEDIRECTORY) throw new Error('no CodeDirectory in slot 0');
  const flags = cd.readUInt32BE(12);
  const hashOffset = cd.readUInt32BE(16);
  const identOffset = cd.readUInt32BE(20);
  const nSpecialSlots = cd.readUInt32BE(24);
  const nCodeSlots = cd.readUInt32BE(28);
  const codeLimit = cd.readUInt32BE(32);
  const hashSize = cd.readUInt8(36);
  const hash = HASHES[cd.readUInt8(37)];
  const pageSize = 2 ** cd.readUInt8(39);
  if (!hash || hash.size !== hashSize) throw new Error(`unknown hash type ${cd.readUInt8(37)} of size ${hashSize}`);
  // Everything before the signature is code: a limit short of it leaves bytes unchecked.
  if (codeLimit !== sig.dataoff) throw new Error(`code limit ${codeLimit} is not the signature's offset ${sig.dataoff}`);
  if (nCodeSlots !== Math.ceil(codeLimit / pageSize))
    throw new Error(`${nCodeSlots} page hashes for ${codeLimit} bytes in pages of ${pageSize}`);
  const digest = (data: Buffer) => createHash(hash.algorithm).update(data).digest();
  for (let i = 0; i < nCodeSlots; i++) {
    const page = exe.subarray(i * pageSize, Math.min(codeLimit, (i + 1) * pageSize));
    const expected = cd.subarray(hashOffset + i * hashSize, hashOffset + (i + 1) * hashSize);
    if (!digest(page).equals(expected)) throw new Error(`page ${i} (bytes ${i * pageSize}..) does not match its hash`);
  }
  for (let slot = 1; slot <= nSpecialSlots; slot++) {
    const expected = cd.subarray(hashOffset - slot * hashSize, hashOffset - (slot - 1) * hashSize);
    const special = slots.get(slot);
    if (special ? !digest(special).equals(expected) : expected.some((b) => b !== 0)) throw new Error(`special slot ${slot} does not match`);
  }
  return {
    identifier: cd.toString('utf8', identOffset, cd.indexOf(0, identOffset)),
    adhoc: (flags & CS_ADHOC) !== 0,
    flags,
    pageSize,
    codeLimit,
    pages: nCodeSlots,
    hashType: hash.algorithm,
    blobs: [...slots.keys()],
  };
}
