// The protocol pages: /protocol for everyone signed in at the school (students and parents read it
// too), /protocol/bevestigingen for the director, supervisors and the board.
import { registerPage } from '../registry.tsx';
import { AcknowledgementsPage } from './Acknowledgements.tsx';
import { ProtocolPage } from './ProtocolPage.tsx';
import './protocol.css';
import './texts.ts';

registerPage({ path: '/protocol', label: 'nav.protocol', allowed: (can) => can('protocols.view'), render: () => <ProtocolPage /> });
registerPage({ path: '/protocol/bevestigingen', label: 'nav.protocolAcks', allowed: (can) => can('protocols.overview'), render: () => <AcknowledgementsPage /> });
