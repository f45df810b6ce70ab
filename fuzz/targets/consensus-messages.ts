/** The consensus layer's P2P payloads (chain/consensus/messages.ts), as a peer may send them. */
import {
  certifiedBlockCodec,
  getBlocksRequestCodec,
  getBlocksResponseCodec,
  proposalMessageCodec,
  statusCodec,
} from '../../chain/consensus/messages.ts';
import { codecFamily } from './properties.ts';

export const codecs = {
  proposalMessage: proposalMessageCodec,
  getBlocksRequest: getBlocksRequestCodec,
  getBlocksResponse: getBlocksResponseCodec,
  certifiedBlock: certifiedBlockCodec,
  status: statusCodec,
};
export const fuzz = codecFamily(codecs);
