# schemaport registry image. The TypeScript sources run through tsx (a runtime dependency), so there is no
# compile step: the first stage only installs the production dependencies from the lock file.

FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

FROM node:20-slim
ENV NODE_ENV=production \
    SCHEMAPORT_DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY schemas ./schemas
COPY src ./src
# The application files stay owned by root (read-only for the server); only /data belongs to `node`.
RUN chmod 0755 bin/schemaport.js \
    && ln -s /app/bin/schemaport.js /usr/local/bin/schemaport \
    && mkdir /data \
    && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8081
ENTRYPOINT ["schemaport"]
CMD ["registry"]
