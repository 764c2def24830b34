import type { IGardenTheme } from '@zendeskgarden/react-theming';
import 'styled-components';

declare module 'styled-components' {
  // Garden's ThemeProvider passes its theme to every styled component.
  export interface DefaultTheme extends IGardenTheme {}
}
