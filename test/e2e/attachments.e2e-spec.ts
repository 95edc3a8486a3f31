import * as fs from 'node:fs';
import * as path from 'node:path';
import { Attachment } from '../../src/attachments/entities/attachment.entity';
import { Message } from '../../src/chat/entities/message.entity';
import { onlineAgent, openVisitor, TestVisitor } from '../factories/chat.factory';
import { bearer, createTenant, TestTenant, TestUser } from '../factories/tenant.factory';
import { ELF_HEAD, EXE_HEAD, makeDocx, makePdf, makeXlsx, PNG_1X1 } from '../fixtures/documents';
import { createTestApp, TestApp } from '../utils/create-test-app';
import { cid, SocketPool, TestSocket } from '../utils/socket-client';

const MB = 1024 * 1024;
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Reads a binary response body whatever its type (supertest only buffers some types by default). */
const binary = (res: any, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('chat attachments (e2e)', () => {
  let t: TestApp;
  let pool: SocketPool;
  let A: TestTenant;
  let B: TestTenant;

  beforeAll(async () => {
    t = await createTestApp();
    pool = new SocketPool(t);
    A = await createTenant(t, { name: 'Files A', agentCount: 2 });
    B = await createTenant(t, { name: 'Files B', agentCount: 1 });
  });
  afterEach(() => pool.closeAll());
  afterAll(() => t.close());

  const asVisitor = (tenant: TestTenant, visitor: TestVisitor) => ({ 'X-Widget-Key': tenant.company.widgetKey, 'X-Visitor-Token': visitor.visitorToken });
  const asStaff = (user: TestUser | string) => ({ Authorization: bearer(user) });

  const upload = (headers: Record<string, string>, conversationId: string, bytes: Buffer, name: string) =>
    t.http().post('/api/attachments').set(headers).field('conversationId', conversationId).attach('file', bytes, name);
  const download = (headers: Record<string, string>, id: string) => t.http().get(`/api/attachments/${id}`).set(headers).buffer(true).parse(binary);

  const rowCount = () => t.dataSource.getRepository(Attachment).count();
  const storedFiles = (companyId: string) => (fs.existsSync(path.join(t.config.uploadDir, companyId)) ? fs.readdirSync(path.join(t.config.uploadDir, companyId)) : []);

  /** A visitor whose conversation an online agent of the company has taken (so both see message:new). */
  async function liveConversation(tenant: TestTenant, agent: TestUser = tenant.agents[0]): Promise<{ visitor: TestVisitor; staff: TestSocket }> {
    const staff = await onlineAgent(pool, agent);
    const visitor = await openVisitor(pool, tenant, { name: 'Dana' });
    await visitor.socket.emitOk('handoff:request', { conversationId: visitor.conversationId });
    await staff.waitFor('conversation:assigned', (a: any) => a.conversation.id === visitor.conversationId);
    return { visitor, staff };
  }

  describe('customers and agents attach files; message:new carries name, type, size and URL', () => {
    it('a customer uploads a screenshot and sends it; the agent gets it in message:new and can download it', async () => {
      const { visitor, staff } = await liveConversation(A);
      const res = await upload(asVisitor(A, visitor), visitor.conversationId, PNG_1X1, 'screenshot.png');
      expect(res.status).toBe(201);
      const attachment = res.body;
      expect(attachment).toEqual({
        id: expect.any(String), name: 'screenshot.png', type: 'image/png', size: PNG_1X1.length, url: `/api/attachments/${attachment.id}`,
        conversationId: visitor.conversationId, messageId: null, uploadedBy: 'customer', createdAt: expect.any(String),
      });
      // Stored per company under the server's id, never under the client's name.
      const row = await t.dataSource.getRepository(Attachment).findOneByOrFail({ id: attachment.id });
      expect(row).toMatchObject({ companyId: A.company.id, storageKey: `${A.company.id}/${attachment.id}`, uploaderType: 'customer' });
      expect(fs.readFileSync(path.join(t.config.uploadDir, A.company.id, attachment.id))).toEqual(PNG_1X1);
      expect(storedFiles(A.company.id).some((f) => f.includes('screenshot'))).toBe(false);

      const since = staff.mark();
      const ack = await visitor.socket.emitOk<any>('message:send', { conversationId: visitor.conversationId, clientMessageId: cid('att'), text: 'Here is the error', attachmentIds: [attachment.id] });
      const expected = [{ id: attachment.id, name: 'screenshot.png', type: 'image/png', size: PNG_1X1.length, url: `/api/attachments/${attachment.id}` }];
      expect(ack.message.attachments).toEqual(expected);
      const pushed = await staff.waitFor('message:new', (m: any) => m.id === ack.message.id, undefined, since);
      expect(pushed).toMatchObject({ sender: { type: 'customer' }, text: 'Here is the error', attachments: expected });
      expect((await t.dataSource.getRepository(Attachment).findOneByOrFail({ id: attachment.id })).messageId).toBe(ack.message.id);

      const file = await download(asStaff(A.agents[0]), attachment.id);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('image/png');
      expect(file.headers['content-disposition']).toBe(`inline; filename="screenshot.png"; filename*=UTF-8''screenshot.png`);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.body).toEqual(PNG_1X1);

      // The conversation history carries it too.
      const history = await t.http().get(`/api/conversations/${visitor.conversationId}`).set(asStaff(A.admin));
      expect(history.body.messages.find((m: any) => m.id === ack.message.id).attachments).toEqual(expected);
    });

    it('an agent uploads a PDF and a DOCX and sends them; the customer gets message:new and downloads them as attachments', async () => {
      const { visitor, staff } = await liveConversation(A);
      const pdf = makePdf([['Your invoice']]);
      const docx = makeDocx(['Return form']);
      const first = await upload(asStaff(A.agents[0]), visitor.conversationId, pdf, 'Rechnung März.pdf');
      const second = await upload(asStaff(A.agents[0]), visitor.conversationId, docx, 'return-form.docx');
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(first.body).toMatchObject({ type: 'application/pdf', name: 'Rechnung März.pdf', uploadedBy: 'agent' });
      expect(second.body).toMatchObject({ type: DOCX_TYPE, size: docx.length });

      const since = visitor.socket.mark();
      const ack = await staff.emitOk<any>('message:send', { conversationId: visitor.conversationId, clientMessageId: cid('agent'), text: 'Invoice and form attached', attachmentIds: [first.body.id, second.body.id] });
      const pushed = await visitor.socket.waitFor('message:new', (m: any) => m.id === ack.message.id, undefined, since);
      expect(pushed.sender).toMatchObject({ type: 'agent', name: A.agents[0].name });
      expect(pushed.attachments).toEqual([
        { id: first.body.id, name: 'Rechnung März.pdf', type: 'application/pdf', size: pdf.length, url: `/api/attachments/${first.body.id}` },
        { id: second.body.id, name: 'return-form.docx', type: DOCX_TYPE, size: docx.length, url: `/api/attachments/${second.body.id}` },
      ]);

      const file = await download(asVisitor(A, visitor), first.body.id);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toBe(`attachment; filename="Rechnung Marz.pdf"; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf`);
      expect(file.body).toEqual(pdf);
      expect((await download(asVisitor(A, visitor), second.body.id)).headers['content-type']).toBe(DOCX_TYPE);
    });

    it('sending is checked: only unsent files of this conversation from your own side, at most 5, and retries are idempotent', async () => {
      const { visitor, staff } = await liveConversation(A);
      const other = await openVisitor(pool, A, { name: 'Other' });
      const mine = (await upload(asVisitor(A, visitor), visitor.conversationId, Buffer.from('order 1234'), 'order.txt')).body;
      const theirs = (await upload(asVisitor(A, other), other.conversationId, Buffer.from('not yours'), 'x.txt')).body;
      const agents = (await upload(asStaff(A.agents[0]), visitor.conversationId, Buffer.from('agent note'), 'note.txt')).body;
      const send = (socket: TestSocket, attachmentIds: unknown, clientMessageId = cid('chk')) =>
        socket.emitAck<any>('message:send', { conversationId: visitor.conversationId, clientMessageId, text: 'files', attachmentIds });

      expect((await send(visitor.socket, [theirs.id])) as any).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect((await send(visitor.socket, [agents.id])) as any).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('uploaded by the agent') } });
      expect((await send(staff, [mine.id])) as any).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect((await send(visitor.socket, Array.from({ length: 6 }, () => mine.id))) as any).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
      expect((await send(visitor.socket, ['not-a-uuid'])) as any).toMatchObject({ ok: false, error: { code: 'validation_failed' } });

      const clientMessageId = cid('once');
      const sent = await send(visitor.socket, [mine.id], clientMessageId);
      expect(sent).toMatchObject({ ok: true, duplicate: false });
      const retry = await send(visitor.socket, [mine.id], clientMessageId);
      expect(retry).toMatchObject({ ok: true, duplicate: true, message: { id: (sent as any).message.id } });
      expect((await send(visitor.socket, [mine.id])) as any).toMatchObject({ ok: false, error: { code: 'attachment_already_sent', message: expect.stringContaining('"order.txt" was already sent') } });
      expect(await t.dataSource.getRepository(Message).countBy({ conversationId: visitor.conversationId, clientMessageId })).toBe(1);
    });
  });

  describe('the type comes from the content, never from the name', () => {
    let visitor: TestVisitor;
    beforeEach(async () => {
      visitor = await openVisitor(pool, A);
    });

    it('a .png that holds a PDF is stored and served as application/pdf (and renamed to match)', async () => {
      const pdf = makePdf([['not a picture']]);
      const res = await upload(asVisitor(A, visitor), visitor.conversationId, pdf, 'photo.png');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ type: 'application/pdf', name: 'photo.pdf' });
      const file = await download(asVisitor(A, visitor), res.body.id);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toMatch(/^attachment; filename="photo\.pdf"/);
    });

    it('accepts office spreadsheets and plain text by content, whatever the client claims', async () => {
      const xlsx = await upload(asVisitor(A, visitor), visitor.conversationId, makeXlsx(), 'prices.bin');
      expect(xlsx.body).toMatchObject({ type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', name: 'prices.xlsx' });
      const text = await t.http().post('/api/attachments').set(asVisitor(A, visitor)).field('conversationId', visitor.conversationId)
        .attach('file', Buffer.from('tracking number 123'), { filename: 'tracking.log', contentType: 'image/png' });
      expect(text.body).toMatchObject({ type: 'text/plain', name: 'tracking.log' });
    });

    it.each([
      ['a Linux program named .png', ELF_HEAD, 'cat.png', /looks like a Linux program \(ELF\)/],
      ['a Windows program', EXE_HEAD, 'setup.exe', /looks like a Windows program/],
      ['HTML disguised as .png', Buffer.from('<html><body><script>fetch("/api/auth/me")</script></body></html>'), 'image.png', /looks like an HTML, SVG or XML document/],
      ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'logo.svg', /looks like an HTML, SVG or XML document/],
    ])('refuses %s with 415', async (_label, bytes, name, message) => {
      const before = await rowCount();
      const files = storedFiles(A.company.id).length;
      const res = await upload(asVisitor(A, visitor), visitor.conversationId, bytes, name);
      expect(res.status).toBe(415);
      expect(res.body.message).toMatch(message);
      expect(res.body.message).toMatch(/attach images \(PNG, JPEG, GIF, WebP\), PDF, plain text or office documents/);
      expect(await rowCount()).toBe(before);
      expect(storedFiles(A.company.id)).toHaveLength(files);
    });

    it('refuses a file over 10 MB (413) and an empty file (400), storing nothing', async () => {
      const before = await rowCount();
      const big = await upload(asVisitor(A, visitor), visitor.conversationId, Buffer.alloc(11 * MB, 'a'), 'big.txt');
      expect(big.status).toBe(413);
      expect(big.body.message).toBe('The file is larger than the 10 MB limit');
      const empty = await upload(asVisitor(A, visitor), visitor.conversationId, Buffer.alloc(0), 'empty.txt');
      expect(empty.status).toBe(400);
      expect(empty.body.message).toBe('The file is empty');
      const none = await t.http().post('/api/attachments').set(asVisitor(A, visitor)).field('conversationId', visitor.conversationId);
      expect(none.status).toBe(400);
      expect(none.body.message).toMatch(/multipart field "file"/);
      expect(await rowCount()).toBe(before);
    });
  });

  describe('only the conversation’s visitor and the company’s staff can reach a file', () => {
    let visitor: TestVisitor;
    let file: any;
    beforeAll(async () => {
      visitor = await openVisitor(pool, A, { name: 'Owner' });
      file = (await upload(asVisitor(A, visitor), visitor.conversationId, makePdf([['private statement']]), 'statement.pdf')).body;
    });

    it('the visitor and every staff member of the company (and super admins) can download it', async () => {
      expect((await download(asVisitor(A, visitor), file.id)).status).toBe(200);
      for (const user of [A.admin, ...A.agents]) expect((await download(asStaff(user), file.id)).status).toBe(200);
      expect((await download(asStaff(await t.superAdminToken()), file.id)).status).toBe(200);
    });

    it('another visitor of the same company gets 404', async () => {
      const stranger = await openVisitor(pool, A, { name: 'Stranger' });
      const res = await download(asVisitor(A, stranger), file.id);
      expect(res.status).toBe(404);
      expect(res.body.toString()).not.toContain('private statement');
    });

    it('staff of company B get 404, and B’s visitors cannot use their token with A’s widget key', async () => {
      for (const user of [B.admin, B.agents[0]]) expect((await download(asStaff(user), file.id)).status).toBe(404);
      const visitorOfB = await openVisitor(pool, B);
      expect((await download(asVisitor(B, visitorOfB), file.id)).status).toBe(404);
      const mixed = await download({ 'X-Widget-Key': A.company.widgetKey, 'X-Visitor-Token': visitorOfB.visitorToken }, file.id);
      expect(mixed.status).toBe(401);
    });

    it('no credentials, half credentials or a forged token: 401', async () => {
      expect((await download({}, file.id)).status).toBe(401);
      expect((await download({ 'X-Widget-Key': A.company.widgetKey }, file.id)).status).toBe(401);
      expect((await download({ 'X-Widget-Key': A.company.widgetKey, 'X-Visitor-Token': 'forged' }, file.id)).status).toBe(401);
      expect((await download({ Authorization: 'Bearer nope' }, file.id)).status).toBe(401);
      expect((await upload({}, visitor.conversationId, PNG_1X1, 'x.png')).status).toBe(401);
    });

    it('nobody uploads into a conversation that is not theirs: another visitor, company B’s staff, or a resolved one', async () => {
      const before = await rowCount();
      const stranger = await openVisitor(pool, A, { name: 'Intruder' });
      expect((await upload(asVisitor(A, stranger), visitor.conversationId, PNG_1X1, 'x.png')).status).toBe(404);
      expect((await upload(asStaff(B.agents[0]), visitor.conversationId, PNG_1X1, 'x.png')).status).toBe(404);
      const visitorOfB = await openVisitor(pool, B);
      expect((await upload(asVisitor(B, visitorOfB), visitor.conversationId, PNG_1X1, 'x.png')).status).toBe(404);
      expect(await rowCount()).toBe(before);

      const { visitor: done, staff } = await liveConversation(A, A.agents[1]);
      await staff.emitOk('conversation:resolve', { conversationId: done.conversationId });
      const late = await upload(asVisitor(A, done), done.conversationId, PNG_1X1, 'late.png');
      expect(late.status).toBe(409);
      expect(late.body.message).toMatch(/conversation has ended/);
    });

    it('answers the widget’s CORS preflight (it runs on the company’s own site and authenticates by headers)', async () => {
      const preflight = await t.http().options('/api/attachments').set('Origin', 'https://shop.example').set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'x-widget-key, x-visitor-token');
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('*');
      expect(preflight.headers['access-control-allow-headers']).toMatch(/X-Widget-Key, X-Visitor-Token/);
      expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
      const refused = await download({ Origin: 'https://shop.example' }, file.id);
      expect(refused.status).toBe(401);
      expect(refused.headers['access-control-allow-origin']).toBe('*');
    });

    it('an unknown id is a 404 and a malformed one a 400', async () => {
      expect((await download(asStaff(A.admin), '00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await download(asStaff(A.admin), 'not-an-id')).status).toBe(400);
    });
  });
});
