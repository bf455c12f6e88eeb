# Bella: build with the Maven wrapper, run on a JRE with the jar and its libraries side by side.
FROM eclipse-temurin:17.0.15_6-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY routes routes
COPY kamelets kamelets
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:17.0.15_6-jre
RUN useradd --system --uid 10001 bella
WORKDIR /app
COPY --from=build /src/target/bella.jar /app/bella.jar
COPY --from=build /src/target/lib /app/lib
# editable copies of the routes and Kamelets (mount over them to change flows without rebuilding)
COPY routes /app/routes
COPY kamelets /app/kamelets
RUN mkdir -p /app/data /app/cds && chown -R bella /app/data /app/cds
USER bella
ENV BELLA_DATA_DIR=/app/data
# class-data sharing: one start at build time, on a throw-away data directory, records the classes Bella loads into an
# archive the JVM maps at every start (start to ready 8.7 s → 6.7–7.5 s on 2 cores, image +~105 MB; docs/performance.md
# "Start-up"). Without the archive (training failed, or another jar mounted) the JVM starts without it.
RUN BELLA_DATA_DIR=/tmp/cds-training BELLA_HTTP_PORT=18080 BELLA_MANAGEMENT_PORT=19876 CAMEL_MAIN_DURATIONMAXSECONDS=3 \
    java -XX:ArchiveClassesAtExit=/app/cds/bella.jsa -Xms128m -Xmx256m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m \
    -Xss512k -jar /app/bella.jar > /tmp/cds-training.log 2>&1 \
    || (tail -20 /tmp/cds-training.log; echo "class-data sharing training failed: the image starts without the archive"); \
    rm -rf /tmp/cds-training /tmp/cds-training.log
EXPOSE 8080
# memory: a fixed small heap and the serial collector keep RSS near 360 MB idle and under 512 MB under load
# (docs/performance.md "JVM flags"); JDK_JAVA_OPTIONS adds or overrides flags without rebuilding the image
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/cds/bella.jsa", "-Xms128m", "-Xmx256m", "-XX:+UseSerialGC", \
    "-XX:ReservedCodeCacheSize=64m", "-Xss512k", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/bella.jar"]
