// Ad-hoc code signature of a 64-bit Mach-O executable, as Apple's linker writes one (and the Go
// linker for darwin): a SuperBlob holding one CodeDirectory with a SHA-256 hash of every 4 KiB
// page before the signature, flagged ad-hoc and linker-signed, no certificate. macOS on arm64
// runs only signed code; an ad-hoc signature is what lets a downloaded, unnotarized executable
// run once its quarantine attribute is gone (engines unpack providers without one).
// Format: Apple's open-source cs_blobs.h (xnu) and codesign_allocate. Big-endian blobs inside a
// little-endian Mach-O. Node built-ins only.
import { createHash } from 'node:crypto';

const MH_MAGIC_64 = 0xfeedfacf;
const MH_EXECUTE = 0x2;
const LC_SEGMENT_64 = 0x19;
const LC_CODE_SIGNATURE = 0x1d;
const CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0;
const CSMAGIC_CODEDIRECTORY = 0xfade0c02;
const CSSLOT_CODEDIRECTORY = 0;
const CS_ADHOC = 0x2;
const CS_LINKER_SIGNED = 0x20000;
const CS_HASHTYPE_SHA256 = 2;
const CS_EXECSEG_MAIN_BINARY = 0x1;
const CD_VERSION = 0x20400; // with the executable-segment fields
const CD_HEADER_SIZE = 88;
const PAGE_BITS = 12;
const PAGE_SIZE = 1 << PAGE_BITS;
const HASH_SIZE = 32;

const alignUp = (n, a) => Math.ceil(n / a) * a;

/** Load commands of a thin 64-bit little-endian Mach-O: [{ cmd, offset, size }]. */
export function loadCommands(buf) {
  if (buf.length < 32 || buf.readUInt32LE(0) !== MH_MAGIC_64) throw new Error('not a 64-bit little-endian Mach-O file');
  const ncmds = buf.readUInt32LE(16);
  const commands = [];
  let at = 32;
  for (let i = 0; i < ncmds; i++) {
    const cmd = buf.readUInt32LE(at);
    const size = buf.readUInt32LE(at + 4);
    commands.push({ cmd, offset: at, size });
    at += size;
  }
  return commands;
}

function segment(buf, name) {
  for (const c of loadCommands(buf)) {
    if (c.cmd !== LC_SEGMENT_64) continue;
    if (buf.toString('latin1', c.offset + 8, c.offset + 24).replace(/\0+$/, '') !== name) continue;
    return { offset: c.offset, fileoff: Number(buf.readBigUInt64LE(c.offset + 40)), filesize: Number(buf.readBigUInt64LE(c.offset + 48)) };
  }
  throw new Error(`Mach-O file has no ${name} segment`);
}

/**
 * Returns `input` with a fresh ad-hoc signature named `identifier`, replacing any signature it has
 * (a vendor's signature no longer matches once a payload is added). The signature goes where the
 * old one was, or at the end of __LINKEDIT, which is grown to hold it.
 */
export function adhocSign(input, identifier) {
  const commands = loadCommands(input);
  const header = { sizeofcmds: input.readUInt32LE(20), filetype: input.readUInt32LE(12) };
  const linkedit = segment(input, '__LINKEDIT');
  const text = segment(input, '__TEXT');
  const existing = commands.find((c) => c.cmd === LC_CODE_SIGNATURE);
  let buf;
  let sigCmdOffset;
  let codeLimit;
  if (existing) {
    sigCmdOffset = existing.offset;
    codeLimit = input.readUInt32LE(existing.offset + 8);
    buf = Buffer.from(input.subarray(0, codeLimit));
  } else {
    // A new 16-byte load command must fit before the first section's data.
    sigCmdOffset = 32 + header.sizeofcmds;
    const firstData = Math.min(
      ...commands
        .filter((c) => c.cmd === LC_SEGMENT_64)
        .flatMap((c) => {
          const nsects = input.readUInt32LE(c.offset + 64);
          return Array.from({ length: nsects }, (_, i) => input.readUInt32LE(c.offset + 72 + i * 80 + 48)).filter((o) => o > 0);
        }),
    );
    if (sigCmdOffset + 16 > firstData) throw new Error('no room for a code signature load command');
    codeLimit = alignUp(linkedit.fileoff + linkedit.filesize, 16);
    buf = Buffer.alloc(codeLimit);
    input.copy(buf, 0, 0, Math.min(input.length, codeLimit));
    buf.writeUInt32LE(input.readUInt32LE(16) + 1, 16);
    buf.writeUInt32LE(header.sizeofcmds + 16, 20);
    buf.writeUInt32LE(LC_CODE_SIGNATURE, sigCmdOffset);
    buf.writeUInt32LE(16, sigCmdOffset + 4);
  }
  const id = Buffer.from(`${identifier}\0`, 'utf8');
  const nCodeSlots = Math.ceil(codeLimit / PAGE_SIZE);
  const hashOffset = CD_HEADER_SIZE + id.length;
  const cdLength = hashOffset + nCodeSlots * HASH_SIZE;
  const sigLength = 12 + 8 + cdLength;

  // Load commands first: the pages hashed below include them.
  buf.writeUInt32LE(codeLimit, sigCmdOffset + 8);
  buf.writeUInt32LE(sigLength, sigCmdOffset + 12);
  const linkeditSize = codeLimit + sigLength - linkedit.fileoff;
  buf.writeBigUInt64LE(BigInt(linkeditSize), linkedit.offset + 48); // filesize
  const vmsize = Number(buf.readBigUInt64LE(linkedit.offset + 32));
  if (vmsize < linkeditSize) buf.writeBigUInt64LE(BigInt(alignUp(linkeditSize, 0x4000)), linkedit.offset + 32);

  const sig = Buffer.alloc(sigLength);
  sig.writeUInt32BE(CSMAGIC_EMBEDDED_SIGNATURE, 0);
  sig.writeUInt32BE(sigLength, 4);
  sig.writeUInt32BE(1, 8);
  sig.writeUInt32BE(CSSLOT_CODEDIRECTORY, 12);
  sig.writeUInt32BE(20, 16);
  const cd = sig.subarray(20);
  cd.writeUInt32BE(CSMAGIC_CODEDIRECTORY, 0);
  cd.writeUInt32BE(cdLength, 4);
  cd.writeUInt32BE(CD_VERSION, 8);
  cd.writeUInt32BE(CS_ADHOC | CS_LINKER_SIGNED, 12);
  cd.writeUInt32BE(hashOffset, 16);
  cd.writeUInt32BE(CD_HEADER_SIZE, 20); // identOffset
  cd.writeUInt32BE(0, 24); // nSpecialSlots
  cd.writeUInt32BE(nCodeSlots, 28);
  cd.writeUInt32BE(codeLimit, 32);
  cd.writeUInt8(HASH_SIZE, 36);
  cd.writeUInt8(CS_HASHTYPE_SHA256, 37);
  cd.writeUInt8(0, 38); // platform
  cd.writeUInt8(PAGE_BITS, 39);
  // 40 spare2, 44 scatterOffset, 48 teamOffset, 52 spare3, 56 codeLimit64: all zero
  cd.writeBigUInt64BE(BigInt(text.fileoff), 64); // execSegBase
  cd.writeBigUInt64BE(BigInt(text.filesize), 72); // execSegLimit
  cd.writeBigUInt64BE(BigInt(header.filetype === MH_EXECUTE ? CS_EXECSEG_MAIN_BINARY : 0), 80);
  id.copy(cd, CD_HEADER_SIZE);
  for (let i = 0; i < nCodeSlots; i++) {
    const page = buf.subarray(i * PAGE_SIZE, Math.min(codeLimit, (i + 1) * PAGE_SIZE));
    createHash('sha256')
      .update(page)
      .digest()
      .copy(cd, hashOffset + i * HASH_SIZE);
  }
  return Buffer.concat([buf, sig]);
}
