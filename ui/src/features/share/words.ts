export const HOST_ONLY =
  'Sharing is controlled on the host computer: in the Hearth desktop app, or in a browser opened with the host login link that `hearth serve` printed.';
