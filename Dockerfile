# Paja: built as README builds it (the whole tree, the same Maven command), run on a JRE.
#   docker build -t paja .
#   docker run -p 8080:8080 -v paja-data:/data -e PAJA_ADMIN_PASSWORD=change-me-please paja
# The build stage is checked by DockerfileBuildIT (mvn verify), which runs its commands after the first COPY over
# exactly the files its COPY lines bring in (.dockerignore honoured), offline: keep them plain shell commands with
# paths relative to WORKDIR, and keep the toolchain set-up before the first COPY.

# Node 20 for the browser client (Maven runs `npm ci` and `npm run build`), Debian's JDK 17 and Maven 3.8.
FROM node:20-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN mvn -q -B -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /data --shell /usr/sbin/nologin paja \
    && mkdir -p /data && chown paja /data
COPY --from=build /src/server/target/paja-server.jar /opt/paja/paja-server.jar
USER paja
ENV PAJA_DATA_DIR=/data \
    PAJA_HTTP_PORT=8080
VOLUME ["/data"]
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/paja/paja-server.jar"]
