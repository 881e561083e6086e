// Fetches a fresh policy from the backend, then posts the form: every policy field first, the file
// last (OSS ignores fields after the file and requires the key before it). OSS answers errors as XML
// (<Code>, <Message>, <RequestId>); the page says in words what went wrong and keeps the OSS code
// and request id below it, for a support request.
const form = document.getElementById('upload-form');
const fileInput = document.getElementById('file');
const result = document.getElementById('result');
const limit = document.getElementById('limit');

/** The largest file the backend's policy accepts, once known. */
let maxSize;

/** 65536 -> "64 KiB", 1536 -> "1.5 KiB", 10 -> "10 bytes". */
function formatSize(bytes) {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = unit === 0 ? String(value) : value.toFixed(1).replace(/\.0$/, '');
  return `${text} ${units[unit]}`;
}

function show(state, summary, { code = '', message = '', detail = '' } = {}) {
  result.hidden = false;
  result.dataset.state = state;
  // textContent, never innerHTML: key names and error messages come from elsewhere.
  document.getElementById('summary').textContent = summary;
  document.getElementById('code').textContent = code;
  document.getElementById('message').textContent = message;
  document.getElementById('detail').textContent = code === '' ? detail : `· ${detail}`;
  document.getElementById('oss').hidden = code === '' && detail === '';
}

function xmlText(doc, tag) {
  return doc?.getElementsByTagName(tag)[0]?.textContent ?? '';
}

/** What an OSS error means for the person uploading, in words. */
function explain(code, message) {
  switch (code) {
    case 'EntityTooLarge':
      return maxSize === undefined
        ? 'The file is too large.'
        : `The file is too large: files up to ${formatSize(maxSize)} are accepted.`;
    case 'EntityTooSmall':
      return 'The file is too small for this upload.';
    case 'AccessDenied':
      return /expired/i.test(message)
        ? 'The upload form expired. Please try again.'
        : 'This upload is not allowed.';
    case 'RequestTimeout':
      return 'The upload took too long and was stopped. Please try again.';
    case 'InvalidObjectName':
      return 'The file name cannot be used as an object name.';
    default:
      return 'The upload was refused.';
  }
}

async function fetchPolicy() {
  const response = await fetch('/policy', { cache: 'no-store' });
  if (!response.ok) throw new Error(`The backend refused to issue a policy (HTTP ${response.status}).`);
  const policy = await response.json();
  maxSize = policy.maxSize;
  limit.textContent = `Files up to ${formatSize(maxSize)}.`;
  return policy;
}

async function upload(file) {
  const { url, fields } = await fetchPolicy();
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  body.append('file', file, file.name);

  const response = await fetch(url, { method: 'POST', body });
  const text = await response.text();
  const doc = text.trim().startsWith('<')
    ? new DOMParser().parseFromString(text, 'application/xml')
    : undefined;
  if (response.ok) {
    // success_action_status 201 answers a PostResponse document naming the stored key.
    const key = xmlText(doc, 'Key');
    show('success', `Uploaded (HTTP ${response.status})`, {
      message: key ? `Stored as ${key}` : 'Stored.',
      detail: xmlText(doc, 'ETag'),
    });
    return;
  }
  const code = xmlText(doc, 'Code');
  if (code) {
    const message = xmlText(doc, 'Message');
    show('error', explain(code, message), {
      code,
      message,
      detail: `HTTP ${response.status}, request id ${xmlText(doc, 'RequestId')}`,
    });
  } else show('error', `The upload failed (HTTP ${response.status}).`, { message: text.slice(0, 500) });
}

fileInput.addEventListener('change', () => {
  const file = fileInput.files[0];
  if (file && maxSize !== undefined && file.size > maxSize)
    show('warning', `This file (${formatSize(file.size)}) is over the limit of ${formatSize(maxSize)}.`, {
      message: 'Upload it anyway to see how the gateway refuses it, with the error OSS would return.',
    });
  else result.hidden = true;
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const file = fileInput.files[0];
  if (!file) {
    show('error', 'Choose a file first.');
    return;
  }
  show('busy', 'Uploading…', { message: file.name });
  upload(file).catch((error) => show('error', 'The upload failed.', { message: error.message }));
});

fetchPolicy().catch((error) => {
  limit.textContent = error.message;
});
