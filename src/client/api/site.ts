import { ClientConfig } from '../../shared/client-config.ts';
import { Categories } from '../../shared/categories.ts';
import { SubareaCollection } from '../../shared/subareas.ts';
import { PrivacyAnswer } from '../../shared/privacy-notice.ts';
import { AboutFile } from '../../shared/about.ts';
import { getJson } from './http.ts';

export const fetchConfig = () => getJson(ClientConfig, '/api/config');
export const fetchCategories = () => getJson(Categories, '/api/categories');
export const fetchSubareas = () => getJson(SubareaCollection, '/api/subareas');
export const fetchPrivacy = () => getJson(PrivacyAnswer, '/api/privacy');
export const fetchAbout = () => getJson(AboutFile, '/api/about');
