/**
 * The API's input types the generated forms are made from.
 *
 * They come from the repository's schema.graphql, read when the page is built (a Vite
 * plugin, see vite.config.ts), not from the server at run time: production servers switch
 * introspection off, and the page is always served by the server it was built with. A job
 * type added to the API gets its generated form with the next build (`scripts/setup`).
 */
import inputTypes from "virtual:jobprocessor/input-types";
import { inputSchemaFrom, type InputSchema } from "./schemaTypes";

export const INPUT_SCHEMA: InputSchema = inputSchemaFrom(inputTypes);
