import {
  createPrivateKey,
  createPublicKey,
  randomBytes,
  sign,
  type KeyObject,
  type X509Certificate,
} from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  Certificate,
  Name,
  RelativeDistinguishedName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';

/*
 * A node's TLS identity is its Ed25519 consensus key: an X.509 certificate whose subject key is the
 * consensus public key, self-signed by it. No CA: peers pin the key itself (the peer id is its hex),
 * and TLS 1.3's CertificateVerify — a signature by this key over the handshake transcript, which
 * includes both ECDHE shares — proves the key holder is at the other end of this very channel.
 */

const ED25519_OID = '1.3.101.112';
const COMMON_NAME_OID = '2.5.4.3';
/** RFC 8410's PKCS#8 prefix for a raw 32-byte Ed25519 seed. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface TlsIdentity {
  /** PEM, for the `key` option of node:tls. */
  key: string;
  /** PEM, for the `cert` option of node:tls. */
  cert: string;
}

export function ed25519PrivateKey(secretKey: Uint8Array): KeyObject {
  if (secretKey.length !== 32) throw new RangeError('The consensus secret key must be a 32-byte Ed25519 seed');
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, secretKey]), format: 'der', type: 'pkcs8' });
}

/** The self-signed certificate of a consensus key, valid from 2000 to 9999: pinning, not dates, decides trust. */
export function tlsIdentity(secretKey: Uint8Array): TlsIdentity {
  const privateKey = ed25519PrivateKey(secretKey);
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const algorithm = new AlgorithmIdentifier({ algorithm: ED25519_OID });
  const name = new Name([
    new RelativeDistinguishedName([
      new AttributeTypeAndValue({ type: COMMON_NAME_OID, value: new AttributeValue({ utf8String: 'consortia-node' }) }),
    ]),
  ]);
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: toArrayBuffer(positiveSerial()),
    signature: algorithm,
    issuer: name,
    subject: name,
    validity: new Validity({ notBefore: new Date(Date.UTC(2000, 0, 1)), notAfter: new Date(Date.UTC(9999, 11, 31)) }),
    subjectPublicKeyInfo: AsnConvert.parse(spki, SubjectPublicKeyInfo),
  });
  const tbsDer = Buffer.from(AsnConvert.serialize(tbs));
  const certificate = new Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: algorithm,
    signatureValue: toArrayBuffer(sign(null, tbsDer, privateKey)),
  });
  return {
    key: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    cert: pem('CERTIFICATE', Buffer.from(AsnConvert.serialize(certificate))),
  };
}

/** The raw 32-byte Ed25519 key a certificate carries, or null for any other kind of key. */
export function ed25519KeyOf(certificate: X509Certificate | undefined): Uint8Array | null {
  const key = certificate?.publicKey;
  if (key?.asymmetricKeyType !== 'ed25519') return null;
  const x = key.export({ format: 'jwk' }).x;
  return x === undefined ? null : new Uint8Array(Buffer.from(x, 'base64url'));
}

/** 16 random bytes with the top bit clear: a positive DER INTEGER, unique per certificate. */
function positiveSerial(): Buffer {
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  return serial;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function pem(label: string, der: Buffer): string {
  const lines = der
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n');
  return `-----BEGIN ${label}-----\n${lines}\n-----END ${label}-----\n`;
}
