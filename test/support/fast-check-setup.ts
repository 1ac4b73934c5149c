/**
 * fast-check's global configuration for every test file (jest.config.js setupFiles).
 *
 * fast-check 4 sizes arrays and strings "small" unless told otherwise: without this,
 * `fc.uint8Array({ maxLength: 300 })` never produced more than about 10 bytes, so properties
 * never reached the ranges their names promise (SHA-256 chunkings, HMAC keys longer than a
 * block, PEM/DER/base64 inputs, the byte queue, the nonce set).
 *
 * `defaultSizeToMaxWhenMaxSpecified` gives every arbitrary that states a maxLength (or a
 * maxDepth) the size 'max': its lengths range over all of [minLength, maxLength]. That is
 * baseSize 'max' for every bounded arbitrary; fast-check's typed `baseSize` stops at 'xlarge'
 * and a literal 'max' there would also break its relative sizes and unbounded recursion, so
 * the unbounded ones keep the default and test/fast-check.test.ts requires every array or
 * string arbitrary to state its maxLength.
 */
import fc from 'fast-check';

fc.configureGlobal({ ...fc.readConfigureGlobal(), defaultSizeToMaxWhenMaxSpecified: true });
