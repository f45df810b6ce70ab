// The smoke's self-check target (fuzz/run.mjs): a bug behind four nested byte checks. Blind random inputs
// need about 2^32 tries to reach it; coverage feedback (each passed check is a new edge) takes thousands.
'use strict';
module.exports.fuzz = function plantedBug(data) {
  if (data[0] === 0x5c && data[1] === 0xa1 && data[2] === 0xab && data[3] === 0x1e)
    throw new Error('planted bug reached');
};
