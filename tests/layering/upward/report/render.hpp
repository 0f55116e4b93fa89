// A higher layer.
#pragma once
