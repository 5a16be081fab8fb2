import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { getLocale } from './lib/locale.svelte';

document.documentElement.lang = getLocale();
const target = document.getElementById('app');
if (!target) throw new Error('missing #app');

export default mount(App, { target });
