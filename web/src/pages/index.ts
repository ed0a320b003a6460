// Every page behind the sign-in registers itself here (in the order of the navigation).
