# Fails when docs/validation.md was generated with another model than the one built: the golden
# outputs (tests/golden/outputs.sha256) define the model version, so a change that moves a number
# must regenerate the validation table (scripts/update-validation.sh) in the same commit.
#   cmake -DDOC=docs/validation.md -DGOLDEN=tests/golden/outputs.sha256 -P validation_fresh.cmake
file(SHA256 ${GOLDEN} MODEL_VERSION)
file(READ ${DOC} doc)
string(REGEX MATCH "model version `([0-9a-f]+)`" found "${doc}")
if(NOT found)
  message(FATAL_ERROR "${DOC}: no \"model version `...`\" stamp in the generated table; "
                      "run scripts/update-validation.sh build/povsim")
endif()
set(stamped ${CMAKE_MATCH_1})
if(NOT stamped STREQUAL MODEL_VERSION)
  message(FATAL_ERROR "${DOC} is stale: generated with model version ${stamped}, the built model "
                      "is ${MODEL_VERSION} (tests/golden/outputs.sha256 changed). Run "
                      "scripts/update-validation.sh build/povsim and commit the result.")
endif()
message(STATUS "${DOC}: model version ${stamped} matches the built model")
