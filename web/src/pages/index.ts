// Every page behind the sign-in registers itself here (in the order of the navigation).
import './write/index.tsx';
import './supervision/index.tsx';
import './MyConsents.tsx';
import './ConsentOverview.tsx';
import './permissions/index.tsx';
import './connections/index.tsx';
import './incidents/index.tsx';
import './protocol/index.tsx';
import './breaches/index.tsx';
import './dashboards/index.tsx';
import './files/index.tsx';
import './subject-access/index.tsx';
