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
RUN mkdir -p /app/data && chown -R bella /app/data
USER bella
ENV BELLA_DATA_DIR=/app/data
EXPOSE 8080
# memory: a fixed small heap and the serial collector keep RSS near 360 MB idle and under 512 MB under load
# (docs/performance.md "JVM flags"); JDK_JAVA_OPTIONS adds or overrides flags without rebuilding the image
ENTRYPOINT ["java", "-Xms128m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=64m", "-Xss512k", \
    "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/bella.jar"]
