/**
 * Who may do what: API keys (creating one shows its secret once; revoking one), roles (the
 * built-in ones and the tenant's own, with their permission codes) and console users.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { Data, operations } from "../../../sdk/src/client.js";
import { formatDate } from "../../shared/format.js";
import {
  ActionButton,
  CheckField,
  Field,
  Show,
  StatusBadge,
  SubmissionOutcome,
  Table,
  TextAreaField,
  useAsync,
  useSubmit,
} from "../../shared/ui.js";
import type { PageProps } from "../main.js";
import { Count, collect, Named } from "./shared.js";

type Api = PageProps["api"];
type Role = Data<operations["roles.list"]>["data"][number];

/** Role names as check boxes, one of which must be chosen. */
function RoleChoice(props: {
  name: string;
  roles: readonly Role[];
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
}): JSX.Element {
  return (
    <fieldset class="roles">
      <legend>Roles</legend>
      {props.roles.map((r) => (
        <CheckField
          key={r.name}
          label={r.name}
          name={`${props.name}-${r.name}`}
          checked={props.chosen.includes(r.name)}
          onChange={(on) =>
            props.onChange(
              on ? [...props.chosen, r.name] : props.chosen.filter((n) => n !== r.name),
            )
          }
        />
      ))}
    </fieldset>
  );
}

/** A secret the API shows once, and what to do with it. */
function OnceSecret(props: { id: string; what: string; secret: string }): JSX.Element {
  return (
    <section class="secret" aria-labelledby={props.id}>
      <p id={props.id}>{props.what} It is shown once: store it now.</p>
      <p>
        <code>{props.secret}</code>
      </p>
    </section>
  );
}

export function ApiKeysPage({ api }: PageProps): JSX.Element {
  const [lists, reload] = useAsync(async () => {
    const [keys, roles] = await Promise.all([
      collect(api.paginate("/v1/api_keys", { params: { query: { limit: 100 } } })),
      api.GET("/v1/roles").then((r) => r.data.data),
    ]);
    return { keys, roles };
  }, []);
  const [showRevoked, setShowRevoked] = useState(false);
  return (
    <>
      <h1>API keys and roles</h1>
      <Show value={lists}>
        {({ keys, roles }) => {
          const shown = keys.items.filter((k) => showRevoked || !k.revoked_at);
          return (
            <>
              <section>
                <h2 id="api-keys">API keys</h2>
                <Count
                  n={shown.length}
                  more={keys.more}
                  one={showRevoked ? "key" : "active key"}
                  many={showRevoked ? "keys" : "active keys"}
                />
                <CheckField
                  label="Show revoked keys"
                  name="show-revoked"
                  checked={showRevoked}
                  onChange={setShowRevoked}
                />
                <Table
                  caption="API keys"
                  hideCaption
                  rows={shown}
                  empty="No API keys."
                  columns={[
                    {
                      header: "Name",
                      cell: (k) => <Named name={k.name} id={k.id} />,
                      sort: (k) => k.name,
                    },
                    { header: "Starts with", cell: (k) => <code>{k.prefix}…</code> },
                    { header: "Roles", cell: (k) => k.roles.join(", ") },
                    {
                      header: "Created",
                      cell: (k) => formatDate(k.created_at),
                      sort: (k) => k.created_at,
                    },
                    {
                      header: "Status",
                      cell: (k) => <StatusBadge status={k.revoked_at ? "revoked" : "active"} />,
                    },
                    {
                      header: "Actions",
                      cell: (k) =>
                        k.revoked_at ? (
                          `revoked ${formatDate(k.revoked_at)}`
                        ) : (
                          <ActionButton
                            kind="danger"
                            label="Revoke"
                            context={k.name}
                            run={() =>
                              api.POST("/v1/api_keys/{id}/revoke", {
                                params: { path: { id: k.id } },
                              })
                            }
                            done={reload}
                          />
                        ),
                    },
                  ]}
                />
                <CreateApiKey api={api} roles={roles} done={reload} />
              </section>
              <section>
                <h2 id="roles">Roles</h2>
                <Count n={roles.length} one="role" many="roles" />
                <Table
                  caption="Roles"
                  hideCaption
                  rows={roles}
                  columns={[
                    {
                      header: "Name",
                      cell: (r) => (
                        <>
                          {r.name}
                          {r.built_in && <span class="muted"> (built in)</span>}
                        </>
                      ),
                      sort: (r) => r.name,
                    },
                    { header: "Description", cell: (r) => r.description ?? "—" },
                    {
                      header: "Permissions",
                      cell: (r) =>
                        r.permissions.includes("*") ? "every permission" : r.permissions.join(", "),
                    },
                    {
                      header: "Actions",
                      cell: (r) =>
                        r.built_in ? (
                          "—"
                        ) : (
                          <ActionButton
                            kind="danger"
                            label="Delete"
                            context={`role ${r.name}`}
                            run={() =>
                              api.DELETE("/v1/roles/{name}", {
                                params: { path: { name: r.name } },
                              })
                            }
                            done={reload}
                          />
                        ),
                    },
                  ]}
                />
                <CreateRole api={api} done={reload} />
              </section>
            </>
          );
        }}
      </Show>
    </>
  );
}

function CreateApiKey(props: { api: Api; roles: Role[]; done: () => void }): JSX.Element {
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const form = useSubmit();
  return (
    <form
      class="inline-form"
      aria-labelledby="create-api-key"
      onSubmit={form.submit(async () => {
        setSecret(null);
        if (chosen.length === 0) throw new Error("Choose at least one role.");
        const { data } = await props.api.POST("/v1/api_keys", {
          body: { name: name.trim(), roles: chosen },
        });
        form.say(`Created API key ${data.name} (${data.id}) with ${data.roles.join(", ")}.`);
        setSecret(data.secret);
        setName("");
        setChosen([]);
        props.done();
      })}
    >
      <h3 id="create-api-key">Create an API key</h3>
      <Field
        label="Name"
        name="key-name"
        value={name}
        onInput={setName}
        required
        hint="What uses the key, e.g. the shop's back end"
      />
      <RoleChoice name="key-role" roles={props.roles} chosen={chosen} onChange={setChosen} />
      <p class="hint">One may grant only the permissions one holds.</p>
      <button type="submit" class="primary">
        Create API key
      </button>
      <SubmissionOutcome form={form} />
      {secret && <OnceSecret id="api-key-secret" what="The new API key." secret={secret} />}
    </form>
  );
}

function CreateRole(props: { api: Api; done: () => void }): JSX.Element {
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [codes, setCodes] = useState("");
  const form = useSubmit();
  return (
    <form
      class="inline-form"
      aria-labelledby="create-role"
      onSubmit={form.submit(async () => {
        const permissions = codes.split(/[\s,]+/).filter(Boolean);
        const { data } = await props.api.POST("/v1/roles", {
          body: {
            name: name.trim(),
            permissions,
            ...(description.trim() ? { description: description.trim() } : {}),
          },
        });
        form.say(`Created role ${data.name} with ${data.permissions.length} permissions.`);
        setName("");
        setDescription("");
        setCodes("");
        props.done();
      })}
    >
      <h3 id="create-role">Create a role</h3>
      <Field
        label="Name"
        name="role-name"
        value={name}
        onInput={setName}
        required
        pattern="[a-z][a-z0-9_]*"
        hint="Lower-case letters, digits and _, starting with a letter"
      />
      <Field
        label="Description (optional)"
        name="role-description"
        value={description}
        onInput={setDescription}
      />
      <TextAreaField
        label="Permissions"
        name="role-permissions"
        value={codes}
        onInput={setCodes}
        required
        hint="Permission codes separated by spaces, commas or lines, e.g. customers:read orders:write (the API reference names each operation's codes)"
      />
      <button type="submit" class="primary">
        Create role
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}

export function ConsoleUsersPage({ api }: PageProps): JSX.Element {
  const [lists, reload] = useAsync(async () => {
    const [users, roles] = await Promise.all([
      collect(api.paginate("/v1/console_users", { params: { query: { limit: 100 } } })),
      api.GET("/v1/roles").then((r) => r.data.data),
    ]);
    return { users, roles };
  }, []);
  return (
    <>
      <h1>Console users</h1>
      <Show value={lists}>
        {({ users, roles }) => (
          <>
            <Count n={users.items.length} more={users.more} one="user" many="users" />
            <Table
              caption="Console users"
              hideCaption
              rows={users.items}
              empty="No console users yet: people sign in with API keys."
              columns={[
                {
                  header: "Name",
                  cell: (u) => <Named name={u.name} id={u.id} />,
                  sort: (u) => u.name,
                },
                { header: "E-mail", cell: (u) => u.email, sort: (u) => u.email },
                { header: "Roles", cell: (u) => u.roles.join(", ") },
                {
                  header: "Status",
                  cell: (u) => <StatusBadge status={u.status} />,
                },
                {
                  header: "Actions",
                  cell: (u) =>
                    u.disabled_at ? (
                      `disabled ${formatDate(u.disabled_at)}`
                    ) : (
                      <>
                        {u.status === "invited" && (
                          <ActionButton
                            label="Invite again"
                            context={u.name}
                            run={() =>
                              api.POST("/v1/console_users/{id}/invitation", {
                                params: { path: { id: u.id } },
                                body: {},
                              })
                            }
                            done={reload}
                          />
                        )}
                        <ActionButton
                          kind="danger"
                          label="Disable"
                          context={u.name}
                          run={() =>
                            api.POST("/v1/console_users/{id}/disable", {
                              params: { path: { id: u.id } },
                            })
                          }
                          done={reload}
                        />
                      </>
                    ),
                },
              ]}
            />
            <CreateConsoleUser api={api} roles={roles} done={reload} />
          </>
        )}
      </Show>
    </>
  );
}

function CreateConsoleUser(props: { api: Api; roles: Role[]; done: () => void }): JSX.Element {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [invite, setInvite] = useState(true);
  const [chosen, setChosen] = useState<string[]>([]);
  const form = useSubmit();
  return (
    <form
      class="inline-form"
      aria-labelledby="create-user"
      onSubmit={form.submit(async () => {
        if (chosen.length === 0) throw new Error("Choose at least one role.");
        const { data } = await props.api.POST("/v1/console_users", {
          body: invite
            ? { email: email.trim(), name: name.trim(), invite: true, roles: chosen }
            : { email: email.trim(), name: name.trim(), password, roles: chosen },
        });
        form.say(
          invite
            ? `Invited ${data.name} <${data.email}>: an e-mail with a link to set a password is on its way (valid 7 days).`
            : `Created console user ${data.name} <${data.email}>.`,
        );
        setEmail("");
        setName("");
        setPassword("");
        setChosen([]);
        props.done();
      })}
    >
      <h3 id="create-user">Add a console user</h3>
      <Field label="Name" name="user-name" value={name} onInput={setName} required />
      <Field
        label="E-mail"
        name="user-email"
        type="email"
        value={email}
        onInput={setEmail}
        required
        autoComplete="off"
      />
      <CheckField
        label="Send an invitation"
        name="user-invite"
        checked={invite}
        onChange={setInvite}
        hint="The user is mailed a link to choose its own password."
      />
      {!invite && (
        <Field
          label="Password"
          name="user-password"
          type="password"
          value={password}
          onInput={setPassword}
          required
          autoComplete="new-password"
          hint="At least 12 characters"
        />
      )}
      <RoleChoice name="user-role" roles={props.roles} chosen={chosen} onChange={setChosen} />
      <button type="submit" class="primary">
        Add console user
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}
