package dev.embedgate.memory.pgvector;

import com.pgvector.PGhalfvec;
import com.pgvector.PGvector;
import org.postgresql.util.PGobject;

/**
 * The pgvector column type of a space's vectors: {@code vector} (4-byte floats) up to the 2,000 dimensions its HNSW
 * index takes, {@code halfvec} (2-byte floats, half the size) up to 4,000 beyond that.
 */
enum VectorType {
    VECTOR("vector", 2_000),
    HALFVEC("halfvec", 4_000);

    /** The largest finite value a halfvec holds. */
    private static final float HALF_MAX = 65_504f;

    private final String sqlName;
    private final int maxIndexedDimensions;

    VectorType(String sqlName, int maxIndexedDimensions) {
        this.sqlName = sqlName;
        this.maxIndexedDimensions = maxIndexedDimensions;
    }

    /** The type whose HNSW index takes vectors of this length. */
    static VectorType forDimensions(int dimensions) {
        if (dimensions < 1) {
            throw new IllegalArgumentException("a space needs at least 1 dimension, was " + dimensions);
        }
        if (dimensions <= VECTOR.maxIndexedDimensions) {
            return VECTOR;
        }
        if (dimensions <= HALFVEC.maxIndexedDimensions) {
            return HALFVEC;
        }
        throw new IllegalArgumentException("pgvector's HNSW index takes at most " + HALFVEC.maxIndexedDimensions
                + " dimensions (as halfvec); a space of " + dimensions + " cannot be indexed");
    }

    static VectorType ofSqlName(String sqlName) {
        for (VectorType type : values()) {
            if (type.sqlName.equals(sqlName)) {
                return type;
            }
        }
        throw new IllegalStateException("memory_spaces names an unknown vector type: " + sqlName);
    }

    String sqlName() {
        return sqlName;
    }

    /** The HNSW operator class for cosine distance ({@code <=>}). */
    String cosineOps() {
        return sqlName + "_cosine_ops";
    }

    /** The vector as a bound parameter of this type. */
    PGobject parameter(float[] vector) {
        return this == VECTOR ? new PGvector(vector) : new PGhalfvec(vector);
    }

    /** Why this type cannot hold the vector, or null when it can. */
    String refusal(float[] vector) {
        for (float value : vector) {
            if (!Float.isFinite(value)) {
                return "vectors must hold finite numbers";
            }
            if (this == HALFVEC && Math.abs(value) > HALF_MAX) {
                return "a halfvec space holds values within ±65504, not " + value;
            }
        }
        return null;
    }
}
