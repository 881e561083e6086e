import { defineRule } from '../../core/rule';
import { childText } from '../../core/xml';
import { MALFORMED_XML_MESSAGE, malformedXml } from '../shared';
import { childOutside, configRoot, isBooleanText } from './config-value';

export const bucketFlags = defineRule({
  id: 'bucket-flags',
  family: 'bucket-config',
  operations: ['PutBucketRequestPayment', 'PutBucketTransferAcceleration'],
  phase: 'body',
  errors: [MALFORMED_XML_MESSAGE],
  source:
    'PutBucketRequestPayment API reference (RequestPaymentConfiguration/Payer: BucketOwner or Requester, ' +
    'required) ; PutBucketTransferAcceleration API reference (TransferAccelerationConfiguration/Enabled: true or ' +
    'false, required). Codes undocumented: MalformedXML is R. Letter case is tolerated.',
  check: (request) => {
    const payment = configRoot(request, 'RequestPaymentConfiguration');
    if (payment !== undefined) {
      const payer = childText(payment, 'Payer');
      return payer === undefined || childOutside(payment, 'Payer', ['BucketOwner', 'Requester'])
        ? malformedXml()
        : undefined;
    }
    const acceleration = configRoot(request, 'TransferAccelerationConfiguration');
    if (acceleration === undefined) return undefined;
    const enabled = childText(acceleration, 'Enabled');
    return enabled === undefined || !isBooleanText(enabled) ? malformedXml() : undefined;
  },
});
