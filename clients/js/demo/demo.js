// The demo's mock product: its "Connect" always fails with the error set in the demo settings, and <helpdoc-help> shows the help.
import '../src/helpdoc-help.js';

const form = document.getElementById('connect');
const errorBox = document.getElementById('form-error');
const mockError = document.getElementById('mock-error');
const status = document.getElementById('status');
const help = document.getElementById('help');

try {
  const response = await fetch('./in-product-help.json');
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const bundle = await response.json();
  help.bundle = bundle;
  status.textContent = `Help bundle: ${bundle.publication.title}, ${bundle.errors.length} errors.`;
  document.documentElement.dataset.ready = 'true';
} catch (error) {
  status.textContent = `Cannot load the help bundle (in-product-help.json): ${error.message}`;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  // What a product does with a failed request: show the service's message, then the help for it.
  const message = mockError.value;
  errorBox.textContent = message;
  errorBox.hidden = false;
  help.show({ message });
});
