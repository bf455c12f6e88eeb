# Hawtio for Bella: the project's own launcher (app.bella.hawtio.HawtioLauncher) running the hawtio-default war on
# Jetty 12, with its own login (HAWTIO_USER / HAWTIO_PASSWORD) and pre-connected to Bella's Jolokia (BELLA_JOLOKIA_URL,
# BELLA_MANAGEMENT_USER / BELLA_MANAGEMENT_PASSWORD). Build context: the repository root.
FROM eclipse-temurin:17.0.15_6-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY routes routes
COPY kamelets kamelets
RUN ./mvnw -B -q compile dependency:copy-dependencies -DincludeScope=provided -DoutputDirectory=target/hawtio-lib

FROM eclipse-temurin:17.0.15_6-jre
RUN useradd --system --uid 10002 hawtio
WORKDIR /app
COPY --from=build /src/target/classes/app/bella/hawtio /app/classes/app/bella/hawtio
COPY --from=build /src/target/hawtio-lib /app/lib
USER hawtio
ENV HAWTIO_HOST=0.0.0.0 HAWTIO_PORT=8090 HAWTIO_WAR=/app/lib/hawtio-default-4.2.0.war
EXPOSE 8090
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=70", "-cp", "/app/classes:/app/lib/*", "app.bella.hawtio.HawtioLauncher"]
