DELETE FROM closure
