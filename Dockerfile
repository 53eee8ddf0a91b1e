# Paja: build the browser client with Node, the server with Maven, run on a JRE.
#   docker build -t paja .
#   docker run -p 8080:8080 -v paja-data:/data -e PAJA_ADMIN_PASSWORD=change-me-please paja
FROM node:20-bookworm AS web
WORKDIR /src/web-client
COPY web-client/package.json web-client/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web-client/ ./
RUN npm run build

FROM maven:3.9-eclipse-temurin-17 AS server
WORKDIR /src
COPY pom.xml ./
COPY .mvn/ .mvn/
COPY web-client/pom.xml web-client/pom.xml
COPY server/pom.xml server/pom.xml
RUN mvn -q -B dependency:go-offline -pl server -am || true
COPY server/ server/
COPY workshop-templates/ workshop-templates/
COPY --from=web /src/web-client/dist web-client/dist
RUN mvn -q -B -DskipTests -Dpaja.skipNpm=true -pl server -am package

FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /data --shell /usr/sbin/nologin paja \
    && mkdir -p /data && chown paja /data
COPY --from=server /src/server/target/paja-server.jar /opt/paja/paja-server.jar
USER paja
ENV PAJA_DATA_DIR=/data \
    PAJA_HTTP_PORT=8080
VOLUME ["/data"]
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/paja/paja-server.jar"]
