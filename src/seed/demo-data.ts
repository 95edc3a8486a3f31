/** The demo company a fresh `npm start` shows: fixed logins, printed at start-up. */
export const DEMO_PASSWORD = 'switchboard-demo';

export const DEMO_COMPANY = { name: 'Acme Support', timeZone: 'Europe/London' };

export const DEMO_USERS = [
  { email: 'super@switchboard.local', name: 'Sam Super', role: 'super_admin' as const },
  { email: 'admin@acme.example', name: 'Ada Admin', role: 'admin' as const },
  { email: 'alice@acme.example', name: 'Alice Agent', role: 'agent' as const },
  { email: 'bob@acme.example', name: 'Bob Agent', role: 'agent' as const },
];

export const DEMO_KNOWLEDGE: { question: string; answer: string; category: string }[] = [
  { category: 'Account', question: 'How do I reset my password?', answer: 'Click "Forgot password" on the sign-in page and enter your account email. We send a reset link that stays valid for 30 minutes. If it does not arrive, check your spam folder or ask us to resend it.' },
  { category: 'Account', question: 'How do I change the email address on my account?', answer: 'Go to Settings → Profile, enter the new address and confirm it from the verification email we send. Until you confirm, we keep using the old address.' },
  { category: 'Account', question: 'How do I enable two-factor authentication?', answer: 'Open Settings → Security and choose "Enable two-factor authentication". Scan the QR code with an authenticator app and enter the six-digit code to finish. Keep your recovery codes somewhere safe.' },
  { category: 'Account', question: 'How do I delete my account?', answer: 'Account owners can delete the account from Settings → Account → Delete account. Deletion is permanent after 14 days; until then you can restore it by signing in.' },
  { category: 'Billing', question: 'Which payment methods do you accept?', answer: 'We accept Visa, Mastercard and American Express cards, PayPal, and bank transfer for annual plans. All payments are processed securely and we never store full card numbers.' },
  { category: 'Billing', question: 'How do I download an invoice?', answer: 'Invoices are under Settings → Billing → Invoices. Each one can be downloaded as a PDF, and you can add your VAT number so it appears on future invoices.' },
  { category: 'Billing', question: 'How do I upgrade or downgrade my plan?', answer: 'Go to Settings → Billing → Plan and pick the new plan. Upgrades apply immediately and are prorated; downgrades take effect at the end of the current billing period.' },
  { category: 'Billing', question: 'Why was my card declined?', answer: 'Cards are usually declined because of an expired card, a wrong billing address or a bank security check. Update the card under Settings → Billing, or ask your bank to allow payments to Acme.' },
  { category: 'Shipping', question: 'How long does shipping take?', answer: 'Standard shipping takes 3–5 business days within the country and 7–14 business days internationally. Express shipping arrives in 1–2 business days.' },
  { category: 'Shipping', question: 'How can I track my order?', answer: 'Once your order ships we email you a tracking link. You can also find the tracking number under Orders in your account.' },
  { category: 'Shipping', question: 'Do you ship internationally?', answer: 'Yes, we ship to more than 60 countries. Import duties and taxes are calculated at checkout, so there are no surprises on delivery.' },
  { category: 'Shipping', question: 'Can I change my shipping address after ordering?', answer: 'You can change the address until the order is packed, usually within 2 hours of ordering, from Orders → Edit address. After that, contact us and we will try to redirect the parcel.' },
  { category: 'Returns', question: 'What is your return policy?', answer: 'You can return any unused item within 30 days of delivery for a full refund. Start a return from Orders → Return item and print the prepaid label.' },
  { category: 'Returns', question: 'How long does a refund take?', answer: 'Refunds are issued within 2 business days of the return reaching our warehouse. Your bank may take another 3–5 business days to show it.' },
  { category: 'Returns', question: 'How do I exchange an item for a different size?', answer: 'Start a return and choose "Exchange" as the reason, then pick the new size. We ship the replacement as soon as the original is scanned by the carrier.' },
  { category: 'Product', question: 'Is the Acme Rocket waterproof?', answer: 'The Acme Rocket is water resistant to IPX6: it handles rain and splashes but should not be submerged.' },
  { category: 'Product', question: 'What does the warranty cover?', answer: 'All Acme products come with a two-year warranty covering manufacturing defects. Accidental damage is not covered, but we offer discounted repairs.' },
  { category: 'Product', question: 'How do I update the firmware on my device?', answer: 'Open the Acme app, go to Devices, select your device and tap "Update firmware". Keep the device charged above 30% and close to your phone until the update finishes.' },
  { category: 'Integrations', question: 'Do you have an API?', answer: 'Yes. The Acme REST API is available on the Premium and Enterprise plans. Create an API key under Settings → API keys and read the reference at developers.acme.example.' },
  { category: 'Integrations', question: 'Can I connect Acme to Slack?', answer: 'Yes. Go to Settings → Integrations → Slack, click Connect and choose the channel that should receive notifications.' },
  { category: 'Support', question: 'What are your support hours?', answer: 'Our team answers live chat Monday to Friday, 9:00–17:30 UK time. The assistant is available around the clock, and you can leave a message for the team at any time.' },
];
