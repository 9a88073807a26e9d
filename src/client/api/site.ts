import { ClientConfig } from '../../shared/client-config.ts';
import { Categories } from '../../shared/categories.ts';
import { SubareaCollection } from '../../shared/subareas.ts';
import { PrivacyAnswer } from '../../shared/privacy-notice.ts';
import { AboutFile } from '../../shared/about.ts';
import { getJson } from './http.ts';

export const fetchConfig = () => getJson(ClientConfig, '/api/config');
export const fetchCategories = (signal?: AbortSignal) => getJson(Categories, '/api/categories', signal);
export const fetchSubareas = (signal?: AbortSignal) => getJson(SubareaCollection, '/api/subareas', signal);
export const fetchPrivacy = (signal?: AbortSignal) => getJson(PrivacyAnswer, '/api/privacy', signal);
export const fetchAbout = (signal?: AbortSignal) => getJson(AboutFile, '/api/about', signal);
