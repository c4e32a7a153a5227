import type { AppCommands } from '../../db/contract';
import { Icon } from '../components/Icon';
import { useApp } from '../store';

/** What an empty register offers: import the spreadsheet a team already keeps, start by hand, try the sample, or open
 * another register. */
export function WelcomePanel({ commands, onAdd }: { commands: AppCommands | null; onAdd(): void }) {
  const setView = useApp((s) => s.setView);
  return (
    <section className="page">
      <div className="welcome" data-testid="vendors-empty">
        <h2>Welcome to Vendor Risk Register</h2>
        <p className="welcome__lead">
          Record which vendors hold which customer data, how many people’s data of each kind, what depends on them and who they depend on, so you
          can see where too much rides on one vendor.
        </p>
        <div className="welcome__choices">
          <button type="button" className="choice" onClick={() => setView('import')}>
            <Icon name="upload" size={22} />
            <span className="choice__title">Import your spreadsheet</span>
            <span className="choice__text">Vendors, the data they hold, services and incidents from CSV or Excel, checked row by row before anything is written.</span>
          </button>
          <button type="button" className="choice" onClick={onAdd}>
            <Icon name="plus" size={22} />
            <span className="choice__title">Add the first vendor</span>
            <span className="choice__text">Start with those that hold the most customer data: contact centres, chat, payments.</span>
          </button>
          {commands && (
            <>
              <button type="button" className="choice" onClick={() => void commands.openSample()}>
                <Icon name="board" size={22} />
                <span className="choice__title">Open the sample register</span>
                <span className="choice__text">An invented airline-and-retail group whose vendors follow real, public incidents.</span>
              </button>
              <button type="button" className="choice" onClick={() => void commands.openRegister()}>
                <Icon name="folder" size={22} />
                <span className="choice__title">Open another register</span>
                <span className="choice__text">A .vrr file from a colleague or a backup.</span>
              </button>
              <button type="button" className="choice" onClick={() => void commands.newRegister()}>
                <Icon name="file" size={22} />
                <span className="choice__title">Create a new register</span>
                <span className="choice__text">A separate file, for another organisation or a what-if.</span>
              </button>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
