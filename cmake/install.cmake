# Installs libcrossfoot, its headers and a CMake package (crossfoot::crossfoot), and the CLI.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS crossfoot_lib EXPORT crossfoot-targets
        FILE_SET HEADERS
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS crossfoot RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(EXPORT crossfoot-targets NAMESPACE crossfoot::
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/crossfoot)

configure_package_config_file(cmake/crossfoot-config.cmake.in
  ${PROJECT_BINARY_DIR}/crossfoot-config.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/crossfoot)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/crossfoot-config-version.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/crossfoot-config.cmake
              ${PROJECT_BINARY_DIR}/crossfoot-config-version.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/crossfoot)
