import { useState } from 'react';
import type { PersonName } from '../../db/contract';
import { Field } from '../components/Field';
import { useApi, useApp } from '../store';
import { messageOf } from '../store/ui';
import { useApiQuery } from '../useApiQuery';

function Editor({ person, onSaved }: { person: PersonName; onSaved(): void }) {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const [name, setName] = useState(person.entered ? person.name : '');
  const save = async () => {
    try {
      const saved = await api.settings.updatePerson({ name: name.trim() || null });
      notify(`Changes are now recorded as made by “${saved.name}”.`, 'success');
      onSaved();
    } catch (error) {
      notify(messageOf(error));
    }
  };
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Field label="Your name in the history" hint={`Left empty: “${person.entered ? person.account : person.name}”, from the computer's account ${person.account}`}>
        <input value={name} maxLength={200} placeholder={person.entered ? person.account : person.name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <button type="submit" className="button">
        Save name
      </button>
    </form>
  );
}

/** Who the history says made each change: a name the auditor can read, not a login such as "root". */
export function PersonCard() {
  const person = useApiQuery('settings:person', (api) => api.settings.person({}));
  return (
    <div className="card">
      <h3>You</h3>
      <p className="muted small">Every change is recorded with who made it. Recorded now as: {person.data?.name ?? '…'}.</p>
      {person.data && <Editor key={JSON.stringify(person.data)} person={person.data} onSaved={person.reload} />}
    </div>
  );
}
