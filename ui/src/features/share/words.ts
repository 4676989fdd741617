export const HOST_ONLY =
  'Sharing is controlled on the host computer: in the Hearth desktop app, or in a browser opened there with a host login link. For a new link, run hearth host-link in a terminal on the host computer, then open the link it prints in a browser there.';
