// Every page behind the sign-in registers itself here (in the order of the navigation).
import './write/index.tsx';
import './MyConsents.tsx';
import './ConsentOverview.tsx';
