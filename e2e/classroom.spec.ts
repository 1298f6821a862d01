// Classroom mode (`serve --classroom --sandbox docker`) in real browsers: a trainer and attendees who
// come in by invite link (made on the Classroom page) and by the class link (a name), each attendee in
// their own sandbox container, the same link on another device reaching the same one, an attendee's
// credential never reaching the trainer's shell or pages, a clear page when the class is full, and
// ending the class (then stopping the server) leaving no container, network or volume behind.
// Skipped, with the reason, when no engine with busybox answers (scripts/docker-engine.sh up).
import { execFileSync } from 'node:child_process';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { engineAbsence } from '@deckhand/docker';
import { startDeckhand, type RunningDeckhand } from './support/deckhand';
import { openDeck } from './support/presenter';

const absent = engineAbsence();
test.skip(absent !== null, absent ?? '');

let deckhand: RunningDeckhand;

test.beforeAll(async () => {
  deckhand = await startDeckhand(['e2e/fixtures/classroom.md', '--sandbox', 'docker', '--image', 'busybox', '--classroom', '--max-attendees', '3']);
});

test.afterAll(async () => {
  await deckhand?.stop();
});

/** Containers, networks and volumes the server under test created (owner label `host:pid`). */
function leftovers(filter = 'label=deckhand.sandbox'): string[] {
  const owned = (args: string[]): string[] =>
    execFileSync('docker', [...args, '--filter', filter, '--format', '{{.Label "deckhand.sandbox.owner"}} {{.ID}}'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.split(' ')[0]?.endsWith(`:${deckhand.pid}`));
  const volumes = execFileSync('docker', ['volume', 'ls', '-q', '--filter', filter], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .filter((volume) => execFileSync('docker', ['volume', 'inspect', '--format', '{{index .Labels "deckhand.sandbox.owner"}}', volume], { encoding: 'utf8' }).trim().endsWith(`:${deckhand.pid}`));
  return [...owned(['ps', '-a']), ...owned(['network', 'ls']), ...volumes];
}

/** Runs the slide's block in the page's terminal and reads the host name it printed. */
async function hostnameIn(page: Page): Promise<string> {
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', 'open', { timeout: 20_000 });
  await page.locator('.slide-area').getByRole('button', { name: 'Run', exact: true }).first().click();
  const row = page.locator('.xterm-rows > div').filter({ hasText: /^host-[0-9a-f]{12}\s*$/ });
  await expect(row.first()).toBeVisible({ timeout: 20_000 });
  return (await row.first().innerText()).trim();
}

async function attendeePage(browser: Browser, link: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  return page;
}

test('a trainer and attendees by invite link and class link: a sandbox each, one per attendee on any device, limits, and the end of the class', async ({ browser }) => {
  test.setTimeout(120_000);
  const trainer = await (await browser.newContext()).newPage();
  await openDeck(trainer, deckhand, '#/.classroom');
  await expect(trainer.getByRole('heading', { name: 'Classroom' })).toBeVisible();
  for (const name of ['Ada', 'Bea']) {
    await trainer.getByLabel('Attendee name').fill(name);
    await trainer.getByRole('button', { name: 'Invite', exact: true }).click();
    await expect(trainer.getByTestId(`attendee-${name}`)).toBeVisible();
  }
  const linkOf = async (name: string): Promise<string> => (await trainer.getByTestId(`attendee-${name}`).locator('.link').innerText()).trim();
  const adaLink = await linkOf('Ada');
  const beaLink = await linkOf('Bea');
  expect(adaLink).toContain('/join/?token=');

  // Each attendee's terminal is their own container, and neither is the trainer's.
  const ada = await attendeePage(browser, adaLink);
  const bea = await attendeePage(browser, beaLink);
  const adaHost = await hostnameIn(ada);
  const beaHost = await hostnameIn(bea);
  const trainerDeck = await (await browser.newContext()).newPage();
  await openDeck(trainerDeck, deckhand, '#/classroom/1');
  const trainerHost = await hostnameIn(trainerDeck);
  expect(new Set([adaHost, beaHost, trainerHost]).size).toBe(3);

  // Ada's link on another device reaches Ada's sandbox.
  const adaPhone = await attendeePage(browser, adaLink);
  expect(await hostnameIn(adaPhone)).toBe(adaHost);

  // Ada's credential: her own sandbox whatever client id she claims (the trainer's included), and never
  // the trainer's sync socket or pages.
  const trainerClient = await trainerDeck.evaluate(() => localStorage.getItem('deckhand.client'));
  const probe = await ada.evaluate(async (client) => {
    const credential = localStorage.getItem('deckhand.attendee.credential');
    const headers = { Authorization: `Bearer ${credential}` };
    const ticket = async (): Promise<string> => ((await (await fetch('/api/tickets', { method: 'POST', headers })).json()) as { ticket: string }).ticket;
    /** Opens a socket; on a terminal, types `line` and returns what came back once `until` matches. */
    const opened = (path: string, line?: string, until?: RegExp): Promise<string> =>
      ticket().then(
        (t) =>
          new Promise((resolve) => {
            const socket = new WebSocket(`ws://${location.host}${path}${path.includes('?') ? '&' : '?'}ticket=${t}`, ['deckhand.terminal.v2']);
            socket.binaryType = 'arraybuffer';
            let text = '';
            socket.onopen = () => {
              if (!line) {
                socket.close();
                resolve('open');
                return;
              }
              socket.send(new Uint8Array([0x01, ...new TextEncoder().encode(line)])); // an input frame
            };
            socket.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
              if (typeof event.data !== 'string') text += new TextDecoder('latin1').decode(event.data);
              const match = until?.exec(text);
              if (match) {
                socket.close();
                resolve(match[1] ?? match[0]);
              }
            };
            socket.onerror = () => resolve('refused');
          }),
      );
    return {
      classroom: (await fetch('/api/classroom', { headers })).status,
      invites: (await fetch('/api/classroom/invites', { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: '{"count":1}' })).status,
      followLink: (await fetch('/api/follow-link', { headers })).status,
      presenterSync: await opened('/ws/presenter'),
      trainerTerminal: await opened(`/ws/terminal?term=1&client=${client}`, 'echo "probe-$HOSTNAME"\r', /probe-([0-9a-f]{12})/),
    };
  }, trainerClient);
  expect(probe).toEqual({ classroom: 403, invites: 403, followLink: 403, presenterSync: 'refused', trainerTerminal: adaHost.replace('host-', '') });

  // The class link: a name gives the third place; then the class is full.
  const classLink = /Class link \(each attendee gives a name[^)]*\): (\S+)/.exec(deckhand.output())?.[1];
  expect(classLink).toBeTruthy();
  const cy = await attendeePage(browser, classLink as string);
  await cy.getByLabel('Your name').fill('Ada');
  await cy.getByRole('button', { name: 'Join' }).click();
  await expect(cy.getByRole('alert')).toContainText('already has this name');
  await cy.getByLabel('Your name').fill('Cy');
  await cy.getByRole('button', { name: 'Join' }).click();
  const cyHost = await hostnameIn(cy);
  expect([adaHost, beaHost, trainerHost]).not.toContain(cyHost);
  const late = await attendeePage(browser, classLink as string);
  await expect(late.getByRole('heading', { name: 'The class is full' })).toBeVisible();

  // The trainer's view of the room.
  const adaRow = trainer.getByTestId('attendee-Ada');
  await expect(adaRow).toContainText('connected');
  await expect(adaRow).toContainText(/classroom, slide 1/);
  await expect(adaRow).toContainText(/1 terminal, [\d.]+ MiB/, { timeout: 15_000 });

  // Ending one attendee's sandbox, then the class.
  expect(leftovers(`label=deckhand.attendee`).length).toBe(3);
  await trainer.getByTestId('attendee-Bea').getByRole('button', { name: 'End sandbox' }).click();
  await expect.poll(() => leftovers('label=deckhand.attendee').length, { timeout: 15_000 }).toBe(2);
  trainer.once('dialog', (dialog) => void dialog.accept());
  await trainer.getByRole('button', { name: 'End the class' }).click();
  await expect.poll(() => leftovers('label=deckhand.attendee').length, { timeout: 15_000 }).toBe(0);
  await expect(trainer.getByTestId('attendee-Ada')).toHaveCount(0);
  const after = await fetch(adaLink);
  expect(after.status).toBe(401);

  // Stopping the server removes what is left (the trainer's own sandbox).
  expect(leftovers().length).toBeGreaterThan(0);
  await deckhand.stop();
  expect(leftovers()).toEqual([]);
});
