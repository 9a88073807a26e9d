import { ClientConfig } from '../../common/client-config.ts';
import { Categories } from '../../common/categories.ts';
import { SubareaCollection } from '../../common/subareas.ts';
import { PrivacyAnswer } from '../../common/privacy-notice.ts';
import { AboutFile } from '../../common/about.ts';
import { getJson } from './http.ts';

export const fetchConfig = () => getJson(ClientConfig, '/api/config');
export const fetchCategories = (signal?: AbortSignal) => getJson(Categories, '/api/categories', signal);
export const fetchSubareas = (signal?: AbortSignal) => getJson(SubareaCollection, '/api/subareas', signal);
export const fetchPrivacy = (signal?: AbortSignal) => getJson(PrivacyAnswer, '/api/privacy', signal);
export const fetchAbout = (signal?: AbortSignal) => getJson(AboutFile, '/api/about', signal);
