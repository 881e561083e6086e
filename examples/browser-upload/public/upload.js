// Fetches a fresh policy from the backend, then posts the form: every policy field first, the file
// last (OSS ignores fields after the file and requires the key before it).
const form = document.getElementById('upload-form');
const fileInput = document.getElementById('file');
const result = document.getElementById('result');

function show(state, code, message, detail = '') {
  result.hidden = false;
  result.dataset.state = state;
  // textContent, never innerHTML: key names and error messages come from elsewhere.
  document.getElementById('code').textContent = code;
  document.getElementById('message').textContent = message;
  document.getElementById('detail').textContent = detail;
}

function xmlText(doc, tag) {
  return doc?.getElementsByTagName(tag)[0]?.textContent ?? '';
}

async function upload(file) {
  const policyResponse = await fetch('/policy', { cache: 'no-store' });
  if (!policyResponse.ok)
    throw new Error(`The backend refused to issue a policy (HTTP ${policyResponse.status}).`);
  const { host, fields } = await policyResponse.json();

  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  body.append('file', file, file.name);

  const response = await fetch(host, { method: 'POST', body });
  const text = await response.text();
  const doc = text.trim().startsWith('<')
    ? new DOMParser().parseFromString(text, 'application/xml')
    : undefined;
  if (response.ok) {
    // success_action_status 201 answers a PostResponse document naming the stored key.
    const key = xmlText(doc, 'Key');
    show(
      'success',
      `Uploaded (HTTP ${response.status})`,
      key ? `Stored as ${key}` : 'Stored.',
      xmlText(doc, 'ETag'),
    );
    return;
  }
  const code = xmlText(doc, 'Code');
  if (code)
    show(
      'error',
      code,
      xmlText(doc, 'Message'),
      `HTTP ${response.status}, RequestId ${xmlText(doc, 'RequestId')}`,
    );
  else show('error', `HTTP ${response.status}`, text.slice(0, 500));
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const file = fileInput.files[0];
  if (!file) {
    show('error', 'No file', 'Choose a file first.');
    return;
  }
  show('busy', 'Uploading…', file.name);
  upload(file).catch((error) => show('error', 'Upload failed', error.message));
});
